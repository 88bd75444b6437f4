package cn.insurer.archive.api;

import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Role;
import cn.insurer.archive.access.User;
import cn.insurer.archive.dossier.Filing;
import cn.insurer.archive.dossier.Item;
import cn.insurer.archive.dossier.Reading;
import cn.insurer.archive.storage.ObjectStore;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

@Path("/items")
@RequestScoped
public class ItemResource {

    @Inject
    CurrentUser currentUser;

    @Inject
    Reading reading;

    @Inject
    ObjectStore objectStore;

    @Inject
    Filing filing;

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public ItemView get(@PathParam("id") String id) {
        return ItemView.of(reading.item(currentUser.actor(), currentUser.get(), Ids.parse(id)));
    }

    @GET
    @Path("{id}/content")
    public Response content(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Item item = reading.contentRead(currentUser.actor(), currentUser.get(), Ids.parse(id));
        EntityTag etag = new EntityTag(item.sha256());
        if (ifNoneMatch != null && (ifNoneMatch.contains(item.sha256()) || ifNoneMatch.trim().equals("*"))) {
            return Response.notModified(etag).build();
        }
        StreamingOutput body = out -> {
            try (InputStream in = objectStore.open(item.contentHash())) {
                in.transferTo(out);
            }
        };
        return Response.ok(body, item.mediaType())
                .tag(etag)
                .header(HttpHeaders.CONTENT_LENGTH, item.size())
                .header("Content-Disposition", "attachment; filename*=UTF-8''"
                        + URLEncoder.encode(item.fileName(), StandardCharsets.UTF_8).replace("+", "%20"))
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    @POST
    @Path("{id}/extraction/retry")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public ItemView retryExtraction(@PathParam("id") String id) {
        User user = currentUser.requireAnyRole("item.extraction.retry", Role.CLERK, Role.ARCHIVE_MANAGER);
        return ItemView.of(filing.retryExtraction(currentUser.actor(), user, Ids.parse(id)));
    }

    @GET
    @Path("{id}/text")
    @Produces(MediaType.TEXT_PLAIN + ";charset=UTF-8")
    public String text(@PathParam("id") String id) {
        return reading.textRead(currentUser.actor(), currentUser.get(), Ids.parse(id));
    }
}

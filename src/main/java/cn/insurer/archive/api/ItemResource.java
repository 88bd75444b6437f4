package cn.insurer.archive.api;

import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Permission;
import cn.insurer.archive.loan.LoanCopies;
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

    @Inject
    LoanCopies copies;

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
        Reading.ContentRead read = reading.contentRead(currentUser.actor(), currentUser.get(), Ids.parse(id));
        if (read.loan().isPresent()) {
            return copyUnderLoan(read);
        }
        Item item = read.item();
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

    /** Under a loan the borrower gets a watermarked copy, as {@link LoanCopies} makes and describes it. */
    private Response copyUnderLoan(Reading.ContentRead read) {
        LoanCopies.LoanCopy copy = copies.copy(read.item(), read.loan().orElseThrow(), currentUser.get().username());
        StreamingOutput body = copy::writeTo;
        Response.ResponseBuilder response = Response.ok(body, copy.mediaType());
        try {
            response.header(HttpHeaders.CONTENT_LENGTH, copy.length());
        } catch (java.io.IOException e) {
            // The length is a courtesy: the copy is sent without it.
        }
        copy.headers().forEach(response::header);
        return response.build();
    }

    @POST
    @Path("{id}/extraction/retry")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public ItemView retryExtraction(@PathParam("id") String id) {
        User user = currentUser.require(Permission.ITEM_EXTRACTION_RETRY);
        return ItemView.of(filing.retryExtraction(currentUser.actor(), user, Ids.parse(id)));
    }

    @GET
    @Path("{id}/text")
    @Produces(MediaType.TEXT_PLAIN + ";charset=UTF-8")
    public String text(@PathParam("id") String id) {
        return reading.textRead(currentUser.actor(), currentUser.get(), Ids.parse(id));
    }
}

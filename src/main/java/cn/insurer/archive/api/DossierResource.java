package cn.insurer.archive.api;

import cn.insurer.archive.dossier.ItemMetadataPart;
import cn.insurer.archive.problem.JsonBodies;
import cn.insurer.archive.problem.Messages;
import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.access.AccessPolicy;
import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.User;
import cn.insurer.archive.api.ItemUploadParts;
import cn.insurer.archive.config.ArchiveSettings;
import cn.insurer.archive.dossier.BusinessEvent;
import cn.insurer.archive.dossier.BusinessEvents;
import cn.insurer.archive.dossier.Dossier;
import cn.insurer.archive.dossier.DossierEvent;
import cn.insurer.archive.dossier.PaperOriginals;
import cn.insurer.archive.dossier.Sealing;
import cn.insurer.archive.search.Searching;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import cn.insurer.archive.dossier.DossierForm;
import cn.insurer.archive.dossier.DossierRepository;
import cn.insurer.archive.dossier.DossierStatus;
import cn.insurer.archive.dossier.DossierType;
import cn.insurer.archive.dossier.Filing;
import cn.insurer.archive.dossier.Item;
import cn.insurer.archive.dossier.Reading;
import cn.insurer.archive.extraction.MediaTypeDetector;
import cn.insurer.archive.report.ItemLists;
import cn.insurer.archive.report.ReportFormat;
import cn.insurer.archive.retention.Holds;
import cn.insurer.archive.retention.RetentionSchedule;
import cn.insurer.archive.storage.UploadStaging;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import java.util.UUID;

@Path("/dossiers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DossierResource {

    private static final int MAX_PAGE_SIZE = 200;

    @Inject
    CurrentUser currentUser;

    @Inject
    DossierForm form;

    @Inject
    Filing filing;

    @Inject
    Reading reading;

    @Inject
    Sealing sealing;

    @Inject
    BusinessEvents businessEvents;

    @Inject
    Searching searching;

    @Inject
    DossierRepository dossiers;

    @Inject
    PaperOriginals paperOriginals;

    @Inject
    ItemLists itemLists;

    @Inject
    AccessPolicy access;

    @Inject
    MediaTypeDetector mediaTypes;

    @Inject
    ArchiveSettings settings;

    @Inject
    RetentionSchedule retention;

    @Inject
    Holds holds;

    @Context
    HttpHeaders headers;

    public record DossierPage(long total, int page, int size, List<DossierView> dossiers) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response create(String body) {
        User user = currentUser.require(Permission.DOSSIER_CREATE);
        DossierForm.Parsed parsed = form.parse(JsonBodies.parse(body), Messages.choose(headers.getAcceptableLanguages()));
        Dossier dossier = filing.open(currentUser.actor(), user, parsed.facts(), parsed.metadataJson());
        return Response.created(UriBuilder.fromResource(DossierResource.class).path(dossier.id().toString()).build())
                .entity(DossierView.of(dossier, List.of(), null, item -> access.canSeeItem(user, item))).build();
    }

    @GET
    @Path("{id}")
    @Transactional
    public DossierView get(@PathParam("id") String id) {
        Dossier dossier = reading.dossier(currentUser.actor(), currentUser.get(), Ids.parse(id));
        return withRetention(dossier);
    }

    public record SimilarView(List<SearchResource.HitView> hits, List<String> sharedTerms) {
    }

    /** Precedent cases: dossiers the caller may read whose text resembles this one, and the words they share. */
    @GET
    @Path("{id}/similar")
    @Transactional
    public SimilarView similar(@PathParam("id") String id, @QueryParam("size") String size) {
        int count;
        try {
            count = size == null || size.isBlank() ? 10 : Integer.parseInt(size.strip());
        } catch (NumberFormatException notANumber) {
            throw ProblemException.badRequest("problem.paging", MAX_PAGE_SIZE);
        }
        if (count < 1 || count > MAX_PAGE_SIZE) {
            throw ProblemException.badRequest("problem.paging", MAX_PAGE_SIZE);
        }
        // Searching refuses (and audits) a source dossier the caller may not read.
        Searching.Similar similar = searching.similar(currentUser.actor(), currentUser.get(), Ids.parse(id), count);
        return new SimilarView(similar.hits().stream().map(SearchResource.HitView::of).toList(), similar.sharedTerms());
    }

    public record SealBody(String exceptionReason) {
    }

    /** {@code reason} is needed, and only the archive manager may give one, to move the date of a recorded event. */
    public record EventBody(BusinessEvent event, LocalDate date, String reason) {
    }

    @POST
    @Path("{id}/seal")
    @Transactional
    public DossierView seal(@PathParam("id") String id, String body) {
        User user = currentUser.require(Permission.DOSSIER_SEAL);
        String reason = null;
        if (body != null && !body.isBlank()) {
            JsonNode json = JsonBodies.parse(body);
            reason = json.hasNonNull("exceptionReason") ? json.get("exceptionReason").asText() : null;
        }
        Dossier dossier = sealing.seal(currentUser.actor(), user, Ids.parse(id), reason);
        return withRetention(dossier);
    }

    @POST
    @Path("{id}/events")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response event(@PathParam("id") String id, EventBody body) {
        User user = currentUser.require(Permission.DOSSIER_EVENT);
        EventBody asked = body == null ? new EventBody(null, null, null) : body;
        DossierEvent recorded = businessEvents.record(currentUser.actor(), user, Ids.parse(id), asked.event(), asked.date(),
                asked.reason());
        return Response.status(Response.Status.CREATED).entity(DossierView.EventView.of(recorded)).build();
    }

    /** 卷内目录 as a printable PDF (the default) or XLSX. */
    @GET
    @Path("{id}/item-list")
    @Produces({"application/pdf", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv",
            "application/problem+json", MediaType.APPLICATION_JSON})
    public Response itemList(@PathParam("id") String id, @QueryParam("format") String format) {
        ReportFormat listFormat;
        try {
            listFormat = format == null || format.isBlank() ? ReportFormat.PDF : ReportFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badFields(List.of(new FieldError("format", "validation.enum", "[pdf, xlsx, csv]")));
        }
        if (!itemLists.canRender(listFormat)) {
            throw ProblemException.unavailable("problem.report.font.missing");
        }
        UUID dossierId = Ids.parse(id);
        byte[] document = itemLists.render(currentUser.actor(), currentUser.get(), dossierId, listFormat);
        return Response.ok(document, listFormat.mediaType())
                .header("Content-Disposition", "attachment; filename=\"item-list-" + dossierId + "." + listFormat.extension() + "\"")
                .build();
    }

    /** Where the paper original is kept; each part is required, since a fetch needs all three. */
    @PUT
    @Path("{id}/location")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public DossierView locate(@PathParam("id") String id, String body) {
        User user = currentUser.require(Permission.DOSSIER_LOCATION);
        JsonNode json = JsonBodies.parse(body);
        if (!json.isObject()) {
            throw ProblemException.badRequest("problem.body.object.required");
        }
        Dossier dossier = paperOriginals.locate(currentUser.actor(), user, Ids.parse(id), locationPart(json, "room"),
                locationPart(json, "shelf"), locationPart(json, "box"));
        return DossierView.of(dossier, sealing.events(dossier.id()), null, item -> access.canSeeItem(user, item));
    }

    /** A part given as an object or array is no label; it counts as missing. */
    private static String locationPart(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
    }

    @GET
    @Transactional
    public DossierPage list(@QueryParam("businessKey") String businessKey, @QueryParam("type") String type,
                            @QueryParam("status") String status, @QueryParam("page") Integer page,
                            @QueryParam("size") Integer size) {
        int pageNumber = page == null ? 0 : page;
        int pageSize = size == null ? 20 : size;
        if (pageNumber < 0 || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw ProblemException.badRequest("problem.paging", MAX_PAGE_SIZE);
        }
        DossierRepository.Page result = dossiers.list(new DossierRepository.DossierQuery(blankToNull(businessKey),
                        Ids.enumValue(DossierType.class, "type", type), Ids.enumValue(DossierStatus.class, "status", status),
                        pageNumber, pageSize),
                access.scopeOf(currentUser.get()));
        return new DossierPage(result.total(), pageNumber, pageSize,
                result.dossiers().stream().map(DossierView::summary).toList());
    }

    @POST
    @Path("{id}/items")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@PathParam("id") String id, @Context HttpServletRequest request) {
        User user = currentUser.require(Permission.ITEM_UPLOAD);
        UUID dossierId = Ids.parse(id);
        filing.checkCanFile(currentUser.actor(), user, dossierId, null);
        UploadStaging staging = new UploadStaging(settings.tempDir());
        try (ItemUploadParts parts = ItemUploadParts.read(request, staging, settings.uploadMaxBytes())) {
            ItemMetadataPart metadata = ItemMetadataPart.parse(parts.metadataJson(), parts.fileName());
            String mediaType = mediaTypes.detect(parts.file().path(), parts.fileName());
            Item item = filing.file(currentUser.actor(), user, dossierId, new Filing.NewItemRequest(metadata.title(),
                    metadata.documentType(), metadata.documentDate(), parts.fileName(), mediaType,
                    metadata.securityLevel(), metadata.personalData()), parts.file());
            return Response.created(UriBuilder.fromResource(ItemResource.class).path(item.id().toString()).build())
                    .entity(ItemView.of(item)).build();
        }
    }

    private DossierView withRetention(Dossier dossier) {
        User user = currentUser.get();
        return DossierView.of(dossier, sealing.events(dossier.id()),
                RetentionView.of(retention.decide(dossier), holds.activeOn(dossier.id()), user.may(Permission.HOLD_READ)),
                item -> access.canSeeItem(user, item));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

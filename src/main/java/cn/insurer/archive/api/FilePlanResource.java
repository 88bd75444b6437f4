package cn.insurer.archive.api;

import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.dossier.DossierType;
import cn.insurer.archive.dossier.FilePlan;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The file plan and the completeness rules, for clerks filling in dossiers and for integrations. */
@Tag(name = "administration")
@Path("/file-plan")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class FilePlanResource {

    @Inject
    CurrentUser currentUser;

    @Inject
    FilePlan filePlan;

    public record FilePlanView(String fondsCode, List<FilePlan.Category> categories, List<FilePlan.RecordClass> classes,
                               Map<String, List<String>> required) {
    }

    @GET
    @Operation(operationId = "readFilePlan", summary = "分类方案 · File plan",
            description = "全宗号、类目与档号规则。\n\n" + "The fonds code, categories and record classes.")
    @APIResponse(responseCode = "200", description = "分类方案 · The file plan")
    public FilePlanView get() {
        currentUser.get();
        Map<String, List<String>> required = new LinkedHashMap<>();
        for (DossierType type : DossierType.values()) {
            required.put(type.name(), filePlan.requiredDocumentTypes(type, ""));
        }
        return new FilePlanView(filePlan.fondsCode(), filePlan.categories(), filePlan.classes(), required);
    }
}

package cn.insurer.archive.web;

import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Role;
import cn.insurer.archive.access.User;
import cn.insurer.archive.api.FieldError;
import cn.insurer.archive.api.Messages;
import cn.insurer.archive.api.ProblemException;
import cn.insurer.archive.dossier.Dossier;
import cn.insurer.archive.dossier.DossierForm;
import cn.insurer.archive.dossier.DossierType;
import cn.insurer.archive.dossier.Filing;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * 新建案卷: a form per dossier type generated from its JSON Schema, checked by the same
 * DossierForm as the API, so the form and the API refuse the same things in the same words.
 */
@Named
@ViewScoped
public class NewDossierPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    CurrentUser currentUser;

    @Inject
    SchemaFields schemaFields;

    @Inject
    DossierForm form;

    @Inject
    Filing filing;

    @Inject
    Language language;

    @Inject
    Notices notices;

    private static final Pattern LOCATION = Pattern.compile("^[$/\\w.]*:\\s*");

    private DossierType type = DossierType.CLAIM;
    private final Map<String, Object> values = new HashMap<>();

    public List<SchemaFields.Field> getFields() {
        return schemaFields.of(type);
    }

    public String create() {
        try {
            User user = currentUser.requireAnyRole("dossier.create", Role.CLERK, Role.ARCHIVE_MANAGER);
            DossierForm.Parsed parsed = form.parse(document(), language.getLocale());
            if (!user.clearance().covers(parsed.facts().securityLevel())) {
                throw ProblemException.invalid(List.of(new FieldError("securityLevel",
                        "validation.dossier.level.above.clearance", user.clearance())));
            }
            Dossier dossier = filing.open(currentUser.actor(), parsed.facts(), parsed.metadataJson());
            notices.info("dossier.created", dossier.businessKey());
            notices.keepForNextPage();
            return "/ui/dossier.xhtml?faces-redirect=true&id=" + dossier.id();
        } catch (ProblemException problem) {
            show(problem);
            return null;
        }
    }

    /** The JSON the API would receive: blank inputs left out, details under {@code metadata}. */
    private ObjectNode document() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode document = nodes.objectNode().put("type", type.name());
        for (SchemaFields.Field field : getFields()) {
            Object value = values.get(field.name());
            if (value == null || (value instanceof String text && text.isBlank())
                    || (field.kind() == SchemaFields.Kind.FLAG && !Boolean.TRUE.equals(value))) {
                continue;
            }
            ObjectNode target = document;
            String name = field.name();
            if (name.startsWith("metadata.")) {
                target = document.has("metadata") ? (ObjectNode) document.get("metadata") : document.putObject("metadata");
                name = name.substring("metadata.".length());
            }
            if (value instanceof Boolean flag) {
                target.put(name, flag);
            } else {
                target.put(name, value.toString().trim());
            }
        }
        return document;
    }

    private void show(ProblemException problem) {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (problem.errors().isEmpty()) {
            notices.problem(problem);
            return;
        }
        for (FieldError error : problem.errors()) {
            String label = getFields().stream().filter(field -> field.name().equals(error.field())).findFirst()
                    .map(field -> field.label(language.getLocale())).orElse(error.field());
            // The validator names the JSON location ("/lossDate: ..."); the label says it in words.
            String message = LOCATION.matcher(Messages.get(language.getLocale(), error.messageKey(), error.args())).replaceFirst("");
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, label + "：" + message, null));
        }
    }

    public DossierType getType() {
        return type;
    }

    public void setType(DossierType type) {
        this.type = type;
    }

    public DossierType[] getTypes() {
        return DossierType.values();
    }

    public Map<String, Object> getValues() {
        return values;
    }
}

package cn.insurer.archive.web;

import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.User;
import cn.insurer.archive.problem.Messages;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.dossier.Dossier;
import cn.insurer.archive.dossier.DossierForm;
import cn.insurer.archive.dossier.DossierType;
import cn.insurer.archive.dossier.LedgerValues;
import cn.insurer.archive.dossier.Filing;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

    private static final String FORM = "dossier-form";

    private DossierType type = DossierType.CLAIM;
    private final Map<String, Object> values = new HashMap<>();

    public List<SchemaFields.Field> getFields() {
        return schemaFields.of(type);
    }

    public String create() {
        try {
            User user = currentUser.require(Permission.DOSSIER_CREATE);
            DossierForm.Parsed parsed = form.parse(document(), language.getLocale());
            Dossier dossier = filing.open(currentUser.actor(), user, parsed.facts(), parsed.metadataJson());
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
                target.put(name, asLedgersWriteIt(field.kind(), value.toString().trim()));
            }
        }
        return document;
    }

    /** 2025/11/3 and ¥18,600 as the import reads them, one parser for both. */
    private static String asLedgersWriteIt(SchemaFields.Kind kind, String value) {
        return switch (kind) {
            case DATE -> LedgerValues.date(value);
            case MONEY -> LedgerValues.money(value);
            default -> value;
        };
    }

    /** The summary on top, then each refused field by its label, and beside its input when the form shows it. */
    private void show(ProblemException problem) {
        if (problem.errors().isEmpty()) {
            notices.problem(problem);
            return;
        }
        notices.summary(problem);
        Locale locale = language.getLocale();
        List<SchemaFields.Field> fields = getFields();
        Map<String, String> inputs = FieldInputs.clientIds(FacesContext.getCurrentInstance(), FORM);
        new RefusalWording(locale).byField(problem.errors(), fields).forEach((name, sentence) -> {
            String label = fields.stream().filter(field -> field.name().equals(name)).findFirst()
                    .map(field -> field.label(locale)).orElseGet(() -> Messages.fieldLabel(locale, name));
            notices.field(inputs.get(name), label, sentence);
        });
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

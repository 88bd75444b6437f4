package cn.insurer.archive.dossier;

import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.access.SecurityLevel;
import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.JsonBodies;
import cn.insurer.archive.problem.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code metadata} part of an item upload: {@code {title, documentType, documentDate?, securityLevel?,
 * personalData?, reason?}}; {@code reason} is what a supplement to a sealed dossier is filed for.
 */
public record ItemMetadataPart(String title, String documentType, LocalDate documentDate, SecurityLevel securityLevel,
                        boolean personalData, String reason) {

    private static final int MAX_TITLE = ItemRules.MAX_TITLE;
    private static final int MAX_TYPE = 100;

    public static ItemMetadataPart parse(String json, String fileName) {
        if (json == null) {
            throw ProblemException.badFields(List.of(new FieldError("metadata", "validation.upload.metadata.missing")));
        }
        JsonNode node = JsonBodies.parse(json);
        if (!node.isObject()) {
            throw ProblemException.badFields(List.of(new FieldError("metadata", "problem.body.object.required")));
        }
        List<FieldError> errors = new ArrayList<>();
        String title = text(node, "title");
        if (title == null) {
            title = fileName;
        } else if (title.length() > MAX_TITLE) {
            errors.add(new FieldError("metadata.title", "validation.too.long", MAX_TITLE));
        }
        String documentType = text(node, "documentType");
        if (documentType == null) {
            errors.add(new FieldError("metadata.documentType", "validation.required"));
        } else if (documentType.length() > MAX_TYPE) {
            errors.add(new FieldError("metadata.documentType", "validation.too.long", MAX_TYPE));
        }
        LocalDate documentDate = null;
        String date = text(node, "documentDate");
        if (date != null) {
            try {
                documentDate = LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("metadata.documentDate", "validation.date"));
            }
        }
        SecurityLevel level = null;
        String levelText = text(node, "securityLevel");
        if (levelText != null) {
            try {
                level = SecurityLevel.valueOf(levelText);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("metadata.securityLevel", "validation.security.level"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        JsonNode personal = node.get("personalData");
        return new ItemMetadataPart(title, documentType, documentDate, level, personal != null && personal.asBoolean(false),
                text(node, "reason"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText().trim();
    }
}

package cn.insurer.archive.web;

import jakarta.el.ValueExpression;
import jakarta.faces.component.UIComponent;
import jakarta.faces.component.UIInput;
import jakarta.faces.component.visit.VisitContext;
import jakarta.faces.component.visit.VisitHint;
import jakarta.faces.component.visit.VisitResult;
import jakarta.faces.context.FacesContext;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;

/**
 * The client ids of a form's rendered inputs by the field named in their {@code data-field}
 * attribute. Inputs repeated per field have one client id per row, known only while the tree is
 * visited row by row, so a refusal can be addressed to the input the clerk has to correct.
 */
final class FieldInputs {

    private FieldInputs() {
    }

    static Map<String, String> clientIds(FacesContext faces, String formId) {
        Map<String, String> ids = new HashMap<>();
        UIComponent form = faces.getViewRoot().findComponent(formId);
        if (form == null) {
            return ids;
        }
        form.visitTree(VisitContext.createVisitContext(faces, null, EnumSet.of(VisitHint.SKIP_UNRENDERED)), (context, target) -> {
            Map<String, Object> passed = target.getPassThroughAttributes(false);
            if (target instanceof UIInput input && passed != null) {
                Object field = passed.get("data-field");
                if (field instanceof ValueExpression expression) {
                    field = expression.getValue(faces.getELContext());
                }
                if (field != null) {
                    ids.put(field.toString(), input.getClientId(faces));
                }
            }
            return VisitResult.ACCEPT;
        });
        return ids;
    }
}

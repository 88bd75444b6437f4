package cn.insurer.archive.loan;

import cn.insurer.archive.access.Role;
import cn.insurer.archive.access.SecurityLevel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Who approves a loan and for how long it may run, by security level, from
 * {@code schemas/loan-approvals.yaml}: policy lives in that file, not in code branches.
 */
@ApplicationScoped
public class ApprovalChain {

    private static final String LOCATION = "/archive-config/loan-approvals.yaml";

    private final Map<SecurityLevel, List<Role>> approvers = new EnumMap<>(SecurityLevel.class);
    private final Map<SecurityLevel, Integer> maxDays = new EnumMap<>(SecurityLevel.class);

    @PostConstruct
    void load() {
        JsonNode levels;
        try (InputStream in = ApprovalChain.class.getResourceAsStream(LOCATION)) {
            if (in == null) {
                throw new IllegalStateException("loan-approvals.yaml is missing from the deployment");
            }
            levels = new ObjectMapper(new YAMLFactory()).readTree(in).path("levels");
        } catch (IOException e) {
            throw new IllegalStateException("loan-approvals.yaml cannot be read: " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        for (SecurityLevel level : SecurityLevel.values()) {
            JsonNode node = levels.path(level.name());
            if (node.isMissingNode()) {
                problems.add("loan-approvals.yaml: level " + level + " is missing");
                continue;
            }
            List<Role> chain = new ArrayList<>();
            for (JsonNode role : node.path("approvers")) {
                try {
                    chain.add(Role.valueOf(role.asText()));
                } catch (IllegalArgumentException e) {
                    problems.add("loan-approvals.yaml: " + level + ": unknown approver role '" + role.asText() + "'");
                }
            }
            if (chain.isEmpty()) {
                problems.add("loan-approvals.yaml: " + level + " names no approver");
            }
            int days = node.path("maxDays").asInt(0);
            if (days < 1) {
                problems.add("loan-approvals.yaml: " + level + ": maxDays must be a positive number of days");
            }
            approvers.put(level, List.copyOf(chain));
            maxDays.put(level, days);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The loan approval chain is invalid:\n  " + String.join("\n  ", problems));
        }
    }

    public List<Role> approvers(SecurityLevel level) {
        return approvers.get(level);
    }

    public int maxDays(SecurityLevel level) {
        return maxDays.get(level);
    }
}

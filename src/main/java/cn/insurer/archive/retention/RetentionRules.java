package cn.insurer.archive.retention;

import cn.insurer.archive.platform.Sha256;
import jakarta.annotation.PostConstruct;
import cn.insurer.archive.platform.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The retention rules the server runs with, read from {@code retention-policies/} as copied into
 * the deployment. The build writes an {@code INDEX} of the files, because a deployment's class path
 * cannot be listed portably; a mistake in any file stops the deployment.
 */
@ApplicationScoped
public class RetentionRules {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(RetentionRules.class.getName());

    static final String LOCATION = "/archive-config/retention-policies/";

    /**
     * Part of the digest, so stored decisions are recomputed at start when the way rules are applied
     * changes, not only when the policy files do. 2: open dossiers wait for their seal; 3: rules
     * naming record categories cover only dossiers of those categories.
     */
    static final String CALCULATION = "3";

    private List<RetentionRule> rules;
    private RetentionCalculator calculator;
    private String digest;

    @PostConstruct
    void load() {
        RetentionPolicyParser parser = new RetentionPolicyParser();
        MessageDigest sha256 = Sha256.digest();
        sha256.update(CALCULATION.getBytes(StandardCharsets.UTF_8));
        for (String file : index()) {
            try (InputStream in = RetentionRules.class.getResourceAsStream(LOCATION + file)) {
                if (in == null) {
                    throw new IllegalStateException("retention policy " + file + " is listed but missing from the deployment");
                }
                byte[] content = in.readAllBytes();
                sha256.update(file.getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) 0);
                sha256.update(content);
                parser.read(file, new ByteArrayInputStream(content));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        rules = parser.result();
        calculator = new RetentionCalculator(rules);
        digest = HexFormat.of().formatHex(sha256.digest());
    }

    private static List<String> index() {
        try (InputStream in = RetentionRules.class.getResourceAsStream(LOCATION + "INDEX")) {
            if (in == null) {
                throw new IllegalStateException("retention-policies are missing from the deployment");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::trim).filter(line -> line.endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loading the policy files (above) is what checks them: an invalid file stops the deployment here. */
    void onPreparing(@Observes Startup.Preparing preparing) {
        LOG.info("Retention policies valid: " + rules.size() + " rules");
    }

    public List<RetentionRule> rules() {
        return rules;
    }

    public Optional<RetentionRule> rule(String id) {
        return rules.stream().filter(rule -> rule.id().equals(id)).findFirst();
    }

    /** Identifies the policy files as deployed, so decisions taken under earlier files can be found. */
    public String digest() {
        return digest;
    }


    public RetentionCalculator calculator() {
        return calculator;
    }
}

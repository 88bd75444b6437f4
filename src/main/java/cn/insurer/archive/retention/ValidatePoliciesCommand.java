package cn.insurer.archive.retention;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code ./archive validate-policies}: checks the policy files in a directory as the server would
 * at start, so that a records manager sees every mistake, with file and line, before deploying.
 */
public final class ValidatePoliciesCommand {

    private ValidatePoliciesCommand() {
    }

    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args.length > 0 ? args[0] : "retention-policies");
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(path -> path.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
        RetentionPolicyParser parser = new RetentionPolicyParser();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                parser.read(directory.resolve(file.getFileName()).toString(), in);
            }
        }
        try {
            List<RetentionRule> rules = parser.result();
            System.out.println(files.size() + " policy files, " + rules.size() + " rules: valid");
            for (RetentionRule rule : rules) {
                System.out.println("  " + rule.id() + " (" + rule.policyVersion() + "): "
                        + (rule.permanent() ? "permanent" : rule.years() + " years") + " from " + rule.trigger());
            }
        } catch (InvalidPoliciesException e) {
            e.problems().forEach(problem -> System.err.println(problem));
            System.err.println(e.problems().size() + " problem(s) in " + directory);
            System.exit(1);
        }
    }
}

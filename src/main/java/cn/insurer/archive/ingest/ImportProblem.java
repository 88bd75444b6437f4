package cn.insurer.archive.ingest;

import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.Messages;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.problem.SchemaWording;
import java.util.Locale;
import java.util.stream.Collectors;

/** What went wrong with a row or with the package (row null), kept in both languages of the archive. */
public record ImportProblem(Integer row, String path, String chinese, String english) {

    static ImportProblem of(Integer row, String path, String messageKey, Object... args) {
        return new ImportProblem(row, path, Messages.get(Messages.DEFAULT_LOCALE, messageKey, args),
                Messages.get(Locale.ENGLISH, messageKey, args));
    }

    /** A refusal from the filing path, with the fields it names, exactly as a single upload would be told. */
    static ImportProblem of(Integer row, String path, ProblemException problem) {
        return new ImportProblem(row, path, text(problem, Messages.DEFAULT_LOCALE), text(problem, Locale.ENGLISH));
    }

    /** The refused fields alone when there are any, each in the words of the person who filled it; else the refusal's sentence. */
    private static String text(ProblemException problem, Locale locale) {
        if (problem.errors().isEmpty()) {
            return Messages.get(locale, problem.messageKey(), problem.args());
        }
        return SchemaWording.mostTelling(problem.errors()).stream()
                .map((FieldError error) -> Messages.fieldProblem(locale, error))
                .collect(Collectors.joining(Messages.get(locale, "problem.field.separator")));
    }

    public String message(Locale locale) {
        return "en".equals(locale.getLanguage()) ? english : chinese;
    }
}

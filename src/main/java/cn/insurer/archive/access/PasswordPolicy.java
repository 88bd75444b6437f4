package cn.insurer.archive.access;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a password must be, on creation and on every change: long enough, not the user's own name,
 * not one of the passwords every guessing list starts with, and either mixed (three kinds of
 * characters) or a longer passphrase. Guessing is slowed by {@link LoginThrottle}; this keeps the
 * few guesses it allows from being the right ones.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    /** From this length two kinds of characters suffice: a phrase of several words. */
    public static final int PASSPHRASE_LENGTH = 16;
    public static final int MAX_LENGTH = 256;
    private static final int MIN_DISTINCT = 5;
    /** A name this short inside a password is a coincidence, not the name. */
    private static final int MIN_NAME_IN_PASSWORD = 3;

    /** Whole passwords from the top of the usual lists, lower-cased. */
    private static final Set<String> COMMON = Set.of(
            "password1234", "password12345", "password123456", "passw0rd1234", "p@ssw0rd1234", "p@ssword1234",
            "qwerty123456", "qwertyuiop12", "qwertyuiop123", "1qaz2wsx3edc", "1qaz@wsx3edc", "1q2w3e4r5t6y",
            "zaq12wsxcde3", "123456789012", "1234567890ab", "123456789abc", "abc123456789", "abcd12345678",
            "a1234567890", "aa1234567890", "qq1234567890", "woaini131452", "woaini1314520", "iloveyou1234",
            "admin1234567", "admin@123456", "administrator", "welcome12345", "welcome@1234", "changeme1234",
            "letmein12345", "trustno11234", "aa123456789", "abc@12345678", "qwer@1234567", "asdf@1234567",
            "zxcvbnm12345", "zxcvbnm@1234", "1234qwerasdf", "qwerasdfzxcv", "asdfghjkl123", "huawei@12345",
            "root@1234567", "test@1234567", "p@$$w0rd1234", "correct horse battery staple",
            "correcthorsebatterystaple");

    /** Words that make up a password once digits and symbols are taken away (and 0 read as o, @ as a ...). */
    private static final Set<String> COMMON_WORDS = Set.of(
            "password", "passw", "pass", "pwd", "qwerty", "qwertyuiop", "qwer", "asdf", "asdfgh", "asdfghjkl",
            "zxcv", "zxcvbn", "zxcvbnm", "qaz", "wsx", "qazwsx", "qazwsxedc", "zaq", "admin", "administrator",
            "root", "test", "welcome", "iloveyou", "woaini", "letmein", "changeme", "abc", "abcd", "abcdef",
            "abcdefg", "abcdefgh", "huawei", "system", "archive", "secret", "login", "master", "dragon",
            "monkey", "sunshine", "football", "princess", "superman", "trustno", "aa", "qq");

    private PasswordPolicy() {
    }

    /** A refusal: the message key of the messages bundle and its arguments. */
    public record Refusal(String messageKey, Object... args) {
    }

    /** Why the password does not do for this user, or empty when it does. */
    public static Optional<Refusal> check(String username, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of(new Refusal("validation.password.short", MIN_LENGTH));
        }
        int length = password.codePointCount(0, password.length());
        if (length > MAX_LENGTH) {
            return Optional.of(new Refusal("validation.password.long", MAX_LENGTH));
        }
        String folded = fold(password);
        if (containsName(folded, username)) {
            return Optional.of(new Refusal("validation.password.username"));
        }
        if (COMMON.contains(folded) || COMMON_WORDS.contains(base(folded))
                || password.codePoints().distinct().count() < MIN_DISTINCT) {
            return Optional.of(new Refusal("validation.password.common"));
        }
        int kinds = kinds(password);
        boolean phrase = length >= PASSPHRASE_LENGTH && kinds >= 2 && password.codePoints().anyMatch(Character::isLetter);
        if (kinds < 3 && !phrase) {
            return Optional.of(new Refusal("validation.password.weak", PASSPHRASE_LENGTH));
        }
        return Optional.empty();
    }

    public static boolean acceptable(String username, String password) {
        return check(username, password).isEmpty();
    }

    private static boolean containsName(String folded, String username) {
        if (username == null) {
            return false;
        }
        String name = fold(username.strip());
        if (name.length() < MIN_NAME_IN_PASSWORD) {
            return false;
        }
        String plainName = deleet(name);
        return folded.contains(name) || folded.contains(new StringBuilder(name).reverse().toString())
                || plainName.length() > MIN_NAME_IN_PASSWORD && deleet(folded).contains(plainName);
    }

    /** Full-width letters and case do not make a different password. */
    private static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /** The word under the usual decoration: digits and symbols before and after dropped, stand-ins read as letters. */
    private static String base(String folded) {
        int start = 0;
        int end = folded.length();
        while (start < end && !Character.isLetter(folded.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetter(folded.charAt(end - 1))) {
            end--;
        }
        return deleet(folded.substring(start, end));
    }

    /** The letters a-z left when 0 is read as o, @ as a and so on, everything else dropped. */
    private static String deleet(String folded) {
        StringBuilder letters = new StringBuilder(folded.length());
        for (char c : folded.toCharArray()) {
            char read = switch (c) {
                case '@', '4' -> 'a';
                case '0' -> 'o';
                case '1', '!', '|' -> 'i';
                case '3' -> 'e';
                case '$', '5' -> 's';
                case '7', '+' -> 't';
                default -> c;
            };
            if (read >= 'a' && read <= 'z') {
                letters.append(read);
            }
        }
        return letters.toString();
    }

    /** Lower-case, upper-case, digits, anything else (spaces, punctuation, Chinese characters). */
    private static int kinds(String password) {
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean other = false;
        for (int i = 0; i < password.length(); ) {
            int c = password.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isLowerCase(c)) {
                lower = true;
            } else if (Character.isUpperCase(c)) {
                upper = true;
            } else if (Character.isDigit(c)) {
                digit = true;
            } else {
                other = true;
            }
        }
        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }
}

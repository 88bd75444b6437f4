package cn.insurer.archive.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "pw-secret-1a2b3c4d",               // the integration tests' users
        "correct horse battery",            // a passphrase: long, two kinds
        "Kx7#mP2qL9vR",                     // twelve, all four kinds
        "9f86d081884c7d659a2feaa0c55ad015", // a hex secret, as the test server's admin gets
        "Ab3kX9pQ2mZ7wR4t",                 // ./archive run's 16 letters and digits
        "理赔档案 correct horse",             // Chinese in a phrase
    })
    void acceptsMixedPasswordsAndPassphrases(String password) {
        assertEquals(Optional.empty(), PasswordPolicy.check("clerk-5e1f", password));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "admin     | short               | validation.password.short",
        "admin     | Adm1n-24!!          | validation.password.short",
        "admin     | Admin@20240601      | validation.password.username",
        "admin     | @dm1n#Winter2024    | validation.password.username",
        "admin     | nimda-Winter#2024   | validation.password.username",
        "li.na     | ＬＩ.ＮＡ-Winter-2024   | validation.password.username",
        "clerk     | Password!2024       | validation.password.common",
        "clerk     | P@ssw0rd#123456     | validation.password.common",
        "clerk     | Qwerty123456!       | validation.password.common",
        "clerk     | 1qaz2wsx3edc        | validation.password.common",
        "clerk     | woaini1314520       | validation.password.common",
        "clerk     | Aa1234567890        | validation.password.common",
        "clerk     | aaaaaaaaaaaaaaaaaaa | validation.password.common",
        "clerk     | abababababab12      | validation.password.common",
        "clerk     | longenoughpassword  | validation.password.weak",
        "clerk     | 1234567890123456!   | validation.password.weak",
        "clerk     | long enough pw      | validation.password.weak",
        "clerk     | Mixedcaseonly       | validation.password.weak",
    })
    void refusesShortOwnNameCommonAndPlainPasswords(String username, String password, String expected) {
        Optional<PasswordPolicy.Refusal> refusal = PasswordPolicy.check(username, password);
        assertTrue(refusal.isPresent(), password);
        assertEquals(expected, refusal.get().messageKey(), password);
    }

    @ParameterizedTest
    @ValueSource(ints = {256, 257})
    void aVeryLongPasswordIsRefusedBeyondTheLimit(int length) {
        String password = "Ab1-xY9#".repeat(length / 8 + 1).substring(0, length);
        assertEquals(length > PasswordPolicy.MAX_LENGTH, PasswordPolicy.check("clerk", password).isPresent());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void theGeneratedBootstrapPasswordAlwaysPasses(int attempt) {
        assertTrue(PasswordPolicy.acceptable("admin", AdminBootstrap.generate()), () -> "attempt " + attempt);
    }
}

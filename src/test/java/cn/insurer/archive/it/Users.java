package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Creates users for a test through the API, each with a unique name so tests never collide. */
public final class Users {

    private Users() {
    }

    public static String unique(String prefix) {
        byte[] bytes = new byte[4];
        new SecureRandom().nextBytes(bytes);
        return prefix + "-" + HexFormat.of().formatHex(bytes);
    }

    public static ApiClient create(String prefix, String clearance, String department, String... roles) {
        return createWithEmail(prefix, clearance, department, null, roles);
    }

    /** A user who signs in through a form, so the test needs the password as well as a client. */
    public record Account(String username, String password, ApiClient api) {
    }

    public static Account account(String prefix, String clearance, String department, String... roles) {
        String username = unique(prefix);
        String password = "pw-" + unique("secret");
        return new Account(username, password, register(username, password, clearance, department, null, roles));
    }

    public static ApiClient createWithEmail(String prefix, String clearance, String department, String email, String... roles) {
        return register(unique(prefix), "pw-" + unique("secret"), clearance, department, email, roles);
    }

    private static ApiClient register(String username, String password, String clearance, String department, String email,
                                      String... roles) {
        ObjectNode body = ApiClient.object().put("username", username).put("password", password)
                .put("displayName", "测试用户 " + username).put("clearance", clearance);
        if (department != null) {
            body.put("department", department);
        }
        if (email != null) {
            body.put("email", email);
        }
        var roleArray = body.putArray("roles");
        for (String role : roles) {
            roleArray.add(role);
        }
        ApiClient.Reply reply = ServerTestBase.admin().post("/api/users", body);
        assertEquals(201, reply.status(), reply::toString);
        return ApiClient.as(username, password);
    }
}

package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A paper original not returned on time is listed as overdue and its borrower gets a mail through a real SMTP server. */
class OverdueMailIT extends ServerTestBase {

    @Test
    void anOverduePaperOriginalRemindsTheBorrowerByMail() throws Exception {
        ApiClient clerk = Users.create("clerk", "SECRET", "档案室", "CLERK");
        String email = Users.unique("zhang") + "@example.cn";
        ApiClient borrower = Users.createWithEmail("adjuster", "INTERNAL", "理赔部", email, "ADJUSTER");
        ApiClient head = Users.create("head", "INTERNAL", "理赔部", "DEPARTMENT_HEAD");
        ApiClient manager = Users.create("manager", "SECRET", "档案室", "ARCHIVE_MANAGER");
        String dossier = Dossiers.create(clerk, Dossiers.claim("车险", "理赔部", "INTERNAL")).get("id").asText();
        JsonNode loan = borrower.post("/api/loans", Map.of("dossierId", dossier, "purpose", "诉讼需调阅原件", "kind", "ORIGINAL", "days", 3)).json();
        String id = loan.get("id").asText();
        assertEquals("ACTIVE", head.post("/api/loans/" + id + "/approve", Map.of("comment", "同意")).json().get("status").asText());

        Database.query("update loan set due_at = now() - interval '1 day' where id = ?::uuid returning id", id);
        ApiClient.Reply swept = manager.post("/api/loans/sweep", "");
        assertEquals(200, swept.status(), swept::toString);
        assertTrue(swept.json().get("mailed").asInt() >= 1, swept::toString);
        assertEquals("OVERDUE", borrower.get("/api/loans/" + id).json().get("status").asText(), "originals do not expire");
        assertTrue(manager.get("/api/loans?status=OVERDUE&size=200").text().contains(id));

        List<String> subjects = inbox(email);
        assertTrue(subjects.stream().anyMatch(subject -> subject.contains(loan.get("number").asText()) && subject.contains("逾期")),
                subjects::toString);
        manager.post("/api/loans/sweep", "");
        assertEquals(subjects.size(), inbox(email).size(), "one reminder a day, not one a sweep");
        assertEquals(403, borrower.post("/api/loans/sweep", "").status());
    }

    private static List<String> inbox(String address) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.pop3.host", "127.0.0.1");
        properties.put("mail.pop3.port", System.getProperty("it.pop3.port"));
        Store store = Session.getInstance(properties).getStore("pop3");
        store.connect(address, address);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<String> subjects = new ArrayList<>();
            for (Message message : inbox.getMessages()) {
                subjects.add(message.getSubject());
            }
            inbox.close(false);
            return subjects;
        } finally {
            store.close();
        }
    }
}

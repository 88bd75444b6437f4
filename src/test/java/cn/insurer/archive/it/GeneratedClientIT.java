package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.insurer.archive.client.ApiException;
import cn.insurer.archive.client.api.DossiersApi;
import cn.insurer.archive.client.api.LoansApi;
import cn.insurer.archive.client.api.SearchApi;
import cn.insurer.archive.client.model.CommentBody;
import cn.insurer.archive.client.model.DossierStatus;
import cn.insurer.archive.client.model.DossierView;
import cn.insurer.archive.client.model.FileDossierRequest;
import cn.insurer.archive.client.model.ItemView;
import cn.insurer.archive.client.model.LoanBody;
import cn.insurer.archive.client.model.LoanKind;
import cn.insurer.archive.client.model.LoanView;
import cn.insurer.archive.client.model.UploadItemRequestMetadata;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Java client openapi-generator builds from the published contract ({@code src/main/openapi/archive-api.yaml},
 * which {@link OpenApiDocumentIT} keeps equal to the served {@code /openapi}) files a claim dossier,
 * uploads an item, finds it by search and borrows the dossier, each as the person whose job it is:
 * the contract is usable as published.
 */
class GeneratedClientIT extends ServerTestBase {

    @Test
    void aClientGeneratedFromTheContractFilesUploadsSearchesAndBorrows() throws Exception {
        Users.Account clerk = Users.account("clerk", "INTERNAL", "理赔部", "CLERK");
        Users.Account head = Users.account("head", "INTERNAL", "理赔部", "DEPARTMENT_HEAD");
        Users.Account borrower = Users.account("underwriter", "INTERNAL", "承保部", "UNDERWRITER");
        String claimNumber = Users.unique("CL").toUpperCase();
        String marker = "生成客户端" + Users.unique("m").replaceAll("[^0-9]", "");

        DossierView filed = new DossiersApi(client(clerk)).fileDossier(new FileDossierRequest()
                .type(FileDossierRequest.TypeEnum.CLAIM).claimNumber(claimNumber).policyNumber(Users.unique("PDAA").toUpperCase())
                .productLine("车险").title("李娜 车险 理赔案卷 " + claimNumber).department("理赔部")
                .securityLevel(FileDossierRequest.SecurityLevelEnum.INTERNAL).insured("李娜").lossDate(LocalDate.of(2025, 6, 18))
                .claimAmount("8600.00").metadata(Map.of("lossCause", "追尾", "vehiclePlate", "沪B54321")));
        assertEquals(DossierStatus.OPEN, filed.getStatus());

        Path report = Files.createTempFile("survey-report", ".txt");
        try {
            Files.writeString(report, "查勘报告：标的车辆追尾受损，" + marker + "，建议按定损金额赔付。", StandardCharsets.UTF_8);
            ItemView item = new DossiersApi(client(clerk)).uploadItem(filed.getId().toString(), report.toFile(),
                    new JsonMetadata().title("查勘报告").documentType("SURVEY_REPORT"));
            assertEquals(1, item.getItemNumber().intValue());
            assertEquals("查勘报告", item.getTitle());
        } finally {
            Files.deleteIfExists(report);
        }

        SearchApi search = new SearchApi(client(clerk));
        Await.until(() -> ApiClient.JSON.getNodeFactory().booleanNode(searchFinds(search, marker, filed)), found -> found.asBoolean());

        ApiException refused = assertThrows(ApiException.class, () -> new DossiersApi(client(borrower)).readDossier(filed.getId().toString()));
        assertTrue(refused.getCode() == 403 || refused.getCode() == 404, "another department's dossier, before a loan: " + refused.getCode());
        LoanView requested = new LoansApi(client(borrower)).requestLoan(new LoanBody().dossierId(filed.getId())
                .purpose("承保核保参考").kind(LoanKind.VIEW).days(7));
        assertEquals("REQUESTED", requested.getStatus());
        LoanView approved = new LoansApi(client(head)).approveLoan(requested.getId().toString(), new CommentBody().comment("同意查阅"));
        assertEquals("ACTIVE", approved.getStatus());
        assertEquals(filed.getTitle(), new DossiersApi(client(borrower)).readDossier(filed.getId().toString()).getTitle());
    }

    private static boolean searchFinds(SearchApi search, String marker, DossierView filed) {
        try {
            return search.search(null, null, null, null, marker, null, null, null, null, null).getHits().stream()
                    .anyMatch(hit -> filed.getId().equals(hit.getDossierId()));
        } catch (ApiException e) {
            throw new IllegalStateException(e);
        }
    }

    private static cn.insurer.archive.client.ApiClient client(Users.Account account) {
        cn.insurer.archive.client.ApiClient client = new cn.insurer.archive.client.ApiClient();
        client.updateBaseUri(ApiClient.uri("").toString());
        String authorization = AddressedClient.basic(account.username(), account.password());
        client.setRequestInterceptor(request -> request.header("Authorization", authorization));
        return client;
    }

    /**
     * The generated native client sends a multipart part that is an object as its {@code toString()};
     * this metadata part makes that the JSON the contract describes (ASCII, since the part goes out
     * as ISO-8859-1 text).
     */
    private static final class JsonMetadata extends UploadItemRequestMetadata {

        private static final ObjectMapper ASCII_JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

        @Override
        public String toString() {
            try {
                return ASCII_JSON.writeValueAsString(Map.of("title", getTitle(), "documentType", getDocumentType()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public JsonMetadata title(String title) {
            super.title(title);
            return this;
        }

        @Override
        public JsonMetadata documentType(String documentType) {
            super.documentType(documentType);
            return this;
        }
    }
}

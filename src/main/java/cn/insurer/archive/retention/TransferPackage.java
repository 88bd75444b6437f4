package cn.insurer.archive.retention;

import cn.insurer.archive.platform.Sha256;
import cn.insurer.archive.dossier.Dossier;
import cn.insurer.archive.dossier.DossierEvent;
import cn.insurer.archive.dossier.Item;
import cn.insurer.archive.storage.ObjectStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * 移交包: a BagIt 1.0 bag in a ZIP, so the receiving archive can check it with standard tools.
 * <pre>
 * transfer-&lt;batch&gt;/bagit.txt
 * transfer-&lt;batch&gt;/bag-info.txt
 * transfer-&lt;batch&gt;/manifest-sha256.txt            every payload file with its SHA-256
 * transfer-&lt;batch&gt;/tagmanifest-sha256.txt         the tag files above with theirs
 * transfer-&lt;batch&gt;/data/&lt;dossier id&gt;/metadata.json  facts, events, retention decision, item list
 * transfer-&lt;batch&gt;/data/&lt;dossier id&gt;/items/&lt;item number&gt;-&lt;file name&gt;  the originals, byte for byte
 * </pre>
 */
public final class TransferPackage {

    /** One dossier going into the package with what decided its transfer. */
    public record Member(Dossier dossier, List<DossierEvent> events, RetentionDecision decision) {
    }

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Map<String, String> manifest = new LinkedHashMap<>();
    private long payloadBytes;

    private TransferPackage() {
    }

    /** Writes the bag to a file and returns its SHA-256. */
    public static String write(UUID batchId, String appraisal, LocalDate baggingDate, List<Member> members, ObjectStore store,
                               Path file) throws IOException {
        return new TransferPackage().build(batchId, appraisal, baggingDate, members, store, file);
    }

    private String build(UUID batchId, String appraisal, LocalDate baggingDate, List<Member> members, ObjectStore store, Path file) throws IOException {
        String root = "transfer-" + batchId + "/";
        MessageDigest whole = Sha256.digest();
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), whole);
             ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (Member member : members) {
                String folder = "data/" + member.dossier().id() + "/";
                for (Item item : member.dossier().items()) {
                    String name = folder + "items/" + String.format("%04d", item.itemNumber()) + "-" + safe(item.fileName());
                    try (InputStream in = store.open(item.contentHash())) {
                        payload(zip, root, name, in);
                    }
                }
                payload(zip, root, folder + "metadata.json", new java.io.ByteArrayInputStream(metadata(member)));
            }
            StringBuilder manifestText = new StringBuilder();
            manifest.forEach((name, hash) -> manifestText.append(hash).append("  ").append(name).append('\n'));
            Map<String, byte[]> tags = new LinkedHashMap<>();
            tags.put("bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".getBytes(StandardCharsets.UTF_8));
            tags.put("bag-info.txt", ("Source-Organization: 保险档案管理系统\nExternal-Identifier: " + batchId + "\nBagging-Date: "
                    + baggingDate + "\nPayload-Oxum: " + payloadBytes + "." + manifest.size()
                    + "\nInternal-Sender-Description: " + appraisal.replace('\n', ' ') + "\n").getBytes(StandardCharsets.UTF_8));
            tags.put("manifest-sha256.txt", manifestText.toString().getBytes(StandardCharsets.UTF_8));
            StringBuilder tagManifest = new StringBuilder();
            for (Map.Entry<String, byte[]> tag : tags.entrySet()) {
                zip.putNextEntry(new ZipEntry(root + tag.getKey()));
                zip.write(tag.getValue());
                zip.closeEntry();
                tagManifest.append(HexFormat.of().formatHex(Sha256.digest().digest(tag.getValue()))).append("  ").append(tag.getKey()).append('\n');
            }
            zip.putNextEntry(new ZipEntry(root + "tagmanifest-sha256.txt"));
            zip.write(tagManifest.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return HexFormat.of().formatHex(whole.digest());
    }

    private void payload(ZipOutputStream zip, String root, String name, InputStream in) throws IOException {
        MessageDigest digest = Sha256.digest();
        zip.putNextEntry(new ZipEntry(root + name));
        byte[] buffer = new byte[64 * 1024];
        int read;
        while ((read = in.read(buffer)) > 0) {
            digest.update(buffer, 0, read);
            zip.write(buffer, 0, read);
            payloadBytes += read;
        }
        zip.closeEntry();
        manifest.put(name, HexFormat.of().formatHex(digest.digest()));
    }

    private byte[] metadata(Member member) throws IOException {
        Dossier dossier = member.dossier();
        ObjectNode node = json.createObjectNode();
        node.put("id", dossier.id().toString());
        node.put("type", dossier.type().name());
        node.put("businessKey", dossier.businessKey());
        node.put("archivalCode", dossier.archivalCode());
        node.put("title", dossier.title());
        node.put("productLine", dossier.productLine());
        node.put("department", dossier.department());
        node.put("securityLevel", dossier.securityLevel().name());
        node.put("policyNumber", dossier.policyNumber());
        node.put("claimNumber", dossier.claimNumber());
        node.put("insured", dossier.insured());
        node.put("policyStart", text(dossier.policyStart()));
        node.put("policyEnd", text(dossier.policyEnd()));
        node.put("lossDate", text(dossier.lossDate()));
        node.put("createdBy", dossier.createdBy());
        node.put("createdAt", text(dossier.createdAt()));
        node.put("sealedAt", text(dossier.sealedAt()));
        node.put("sealedBy", dossier.sealedBy());
        node.set("metadata", json.readTree(dossier.metadataJson()));
        ArrayNode events = node.putArray("events");
        for (DossierEvent event : member.events()) {
            events.addObject().put("event", event.event().name()).put("date", text(event.date()))
                    .put("recordedBy", event.recordedBy()).put("recordedAt", text(event.recordedAt()));
        }
        RetentionDecision decision = member.decision();
        node.putObject("retention").put("ruleId", decision.ruleId()).put("policyVersion", decision.policyVersion())
                .put("trigger", decision.trigger().name()).put("triggerDate", text(decision.triggerDate()))
                .put("dispositionDate", text(decision.dispositionDate()));
        ArrayNode items = node.putArray("items");
        for (Item item : dossier.items()) {
            items.addObject().put("itemNumber", item.itemNumber()).put("title", item.title())
                    .put("documentType", item.documentType()).put("documentDate", text(item.documentDate()))
                    .put("fileName", item.fileName()).put("mediaType", item.mediaType()).put("size", item.size())
                    .put("sha256", item.sha256()).put("securityLevel", item.securityLevel().name())
                    .put("path", "items/" + String.format("%04d", item.itemNumber()) + "-" + safe(item.fileName()));
        }
        return json.writeValueAsBytes(node);
    }

    /** File names come from uploads: keep them readable but never let them leave their folder. */
    private static String safe(String fileName) {
        String name = fileName.replace('\\', '_').replace('/', '_').replaceAll("[\\p{Cntrl}]", "_");
        return name.isBlank() || name.equals(".") || name.equals("..") ? "file" : name;
    }

    private static String text(Object value) {
        return value == null ? null : value instanceof Instant instant ? instant.toString() : value.toString();
    }
}

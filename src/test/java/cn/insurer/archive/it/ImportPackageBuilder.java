package cn.insurer.archive.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Builds import packages (ZIPs with a manifest) in memory, including hostile ones. */
final class ImportPackageBuilder {

    private record Entry(String name, byte[] bytes, boolean symlink) {
    }

    private final List<Entry> entries = new ArrayList<>();

    static final String CHINESE_HEADINGS = "案卷类型,赔案号,保单号,险种,案卷题名,部门,被保险人,出险日期,件题名,文件类型,文件路径";

    /** A manifest as CSV in the given encoding, optionally with a UTF-8 byte order mark. */
    ImportPackageBuilder csv(List<String> lines, Charset charset, boolean bom) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (bom) {
            out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        out.writeBytes(String.join("\r\n", lines).concat("\r\n").getBytes(charset));
        return file("manifest.csv", out.toByteArray());
    }

    ImportPackageBuilder csv(List<String> lines) {
        return csv(lines, StandardCharsets.UTF_8, true);
    }

    ImportPackageBuilder file(String name, byte[] bytes) {
        entries.add(new Entry(name, bytes, false));
        return this;
    }

    ImportPackageBuilder text(String name, String text) {
        return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    ImportPackageBuilder symlink(String name, String target) {
        entries.add(new Entry(name, target.getBytes(StandardCharsets.UTF_8), true));
        return this;
    }

    byte[] zip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (Entry entry : entries) {
                ZipArchiveEntry zipEntry = new ZipArchiveEntry(entry.name());
                if (entry.symlink()) {
                    zipEntry.setUnixMode(UnixStat.LINK_FLAG | 0777);
                }
                zip.putArchiveEntry(zipEntry);
                zip.write(entry.bytes());
                zip.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A claim number no other test uses, in the form the claim schema accepts. */
    static String claimNumber() {
        return Users.unique("CL").toUpperCase().replace("-", "");
    }

    /** One manifest row for a motor claim, in the order of {@link #CHINESE_HEADINGS}. */
    static String claimRow(String claimNumber, String itemTitle, String documentType, String path) {
        return String.join(",", "理赔", claimNumber, "P" + claimNumber, "车险", "\"张伟 车险 理赔案卷 " + claimNumber + "\"",
                "理赔部", "张伟", "2025/6/18", "\"" + itemTitle.replace("\"", "\"\"") + "\"", documentType, path);
    }
}

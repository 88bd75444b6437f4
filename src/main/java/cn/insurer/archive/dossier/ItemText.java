package cn.insurer.archive.dossier;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The text extracted from an item, kept in the database so that the index can be rebuilt from it. */
@Entity
@Table(name = "item_text")
public class ItemText {

    @Id
    @Column(name = "item_id")
    private UUID itemId;

    @Column(nullable = false)
    private String content;

    @Column(nullable = false)
    private int characters;

    @Column(nullable = false)
    private boolean truncated;

    @Column(name = "extracted_at", nullable = false)
    private Instant extractedAt;

    protected ItemText() {
    }

    public ItemText(UUID itemId, String content, boolean truncated, Instant at) {
        this.itemId = itemId;
        this.content = content;
        this.characters = content.length();
        this.truncated = truncated;
        this.extractedAt = at;
    }

    public void replace(String newContent, boolean newTruncated, Instant at) {
        content = newContent;
        characters = newContent.length();
        truncated = newTruncated;
        extractedAt = at;
    }

    public UUID itemId() {
        return itemId;
    }

    public String content() {
        return content;
    }

    public int characters() {
        return characters;
    }

    public boolean truncated() {
        return truncated;
    }
}

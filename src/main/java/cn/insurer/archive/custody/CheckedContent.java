package cn.insurer.archive.custody;

import java.util.List;

/** What the sweep learnt about one object: how many bytes it read and what was wrong. */
public record CheckedContent(String sha256, long bytesRead, List<Finding> findings) {
}

/**
 * Text extraction with Apache Tika in child JVMs, so that a hostile document (encrypted, corrupt, a decompression
 * bomb, one that sends a parser into an endless loop or exhausts its memory) costs at most a child, never the
 * server. {@link cn.insurer.archive.extraction.ExtractorPool} is the entry point; the rest is its machinery.
 * Plain Java on purpose: the server wires it up, the tests run it without a container.
 */
package cn.insurer.archive.extraction;

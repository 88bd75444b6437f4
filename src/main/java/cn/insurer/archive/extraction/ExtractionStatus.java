package cn.insurer.archive.extraction;

/** How the extraction of one document ended. */
public enum ExtractionStatus {
    /** Text was extracted; zero characters is a valid result, e.g. for an image without OCR. */
    DONE,
    /** The document could not be read: encrypted, corrupt, too slow, or it crashed the extractor. */
    FAILED,
    /** No parser exists for the detected media type, so retrying will not help. */
    UNSUPPORTED
}

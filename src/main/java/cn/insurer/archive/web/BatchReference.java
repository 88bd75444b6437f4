package cn.insurer.archive.web;

/**
 * How the audit trail names a batch it cannot look up any more (an import or disposition batch
 * whose row is gone): a whole UUID is too long to read out or compare, so its first eight characters.
 */
final class BatchReference {

    private static final int SHOWN = 8;

    private BatchReference() {
    }

    static String of(Object id) {
        String text = String.valueOf(id);
        return text.length() > SHOWN ? text.substring(0, SHOWN) : text;
    }
}

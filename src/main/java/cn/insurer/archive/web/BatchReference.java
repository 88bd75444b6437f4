package cn.insurer.archive.web;

/**
 * How the desk names a disposition batch to people: batches have no number of their own, and a
 * whole UUID is too long to read out or compare, so the first eight characters of its id, the same
 * in messages and in the list of batches.
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

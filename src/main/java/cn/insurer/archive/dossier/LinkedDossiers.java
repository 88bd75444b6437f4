package cn.insurer.archive.dossier;

import java.util.List;
import java.util.UUID;

/**
 * The dossiers a record kept by another feature is about (a loan's, a hold's, a disposition
 * batch's), so that an audit event naming only that record is decided on them. Each feature that
 * keeps such records implements it; the dossier feature needs nothing of theirs.
 */
public interface LinkedDossiers {

    /** The kind of target it answers, as the trail records it ({@code loan}, {@code hold}, ...). */
    String kind();

    /** The dossiers the record is about; none when there is no such record. */
    List<UUID> dossiers(UUID id);
}

package cn.insurer.archive.dossier;

import java.util.Optional;
import java.util.UUID;

/**
 * What is left of a dossier destroyed or transferred (its tombstone): its highest level and its
 * department. Declared here and implemented where dispositions are kept (retention), so that the
 * dossier feature needs nothing of retention.
 */
public interface DisposedDossiers {

    Optional<RecordStanding> standing(UUID dossierId);
}

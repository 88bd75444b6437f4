package cn.insurer.archive.dossier;

import cn.insurer.archive.access.AccessPolicy;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface DossierRepository {

    Optional<Dossier> find(UUID id);

    /** Loads the dossier locked against concurrent filing, so item numbers stay gap-free and unique. */
    Optional<Dossier> findForFiling(UUID id);

    Optional<Dossier> findByBusinessKey(DossierType type, String businessKey);

    void add(Dossier dossier);

    void add(Item item);

    Optional<Item> findItem(UUID id);

    Page list(DossierQuery query, AccessPolicy.ReadScope scope);

    record DossierQuery(String businessKey, DossierType type, DossierStatus status, int page, int size) {
    }

    record Page(long total, List<Dossier> dossiers) {
    }
}

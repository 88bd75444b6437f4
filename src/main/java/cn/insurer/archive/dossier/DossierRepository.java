package cn.insurer.archive.dossier;

import cn.insurer.archive.access.AccessPolicy;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface DossierRepository extends Dossier.ItemLookup {

    Optional<Dossier> find(UUID id);

    /** Loads the dossier locked against concurrent filing, so item numbers stay gap-free and unique. */
    Optional<Dossier> findForFiling(UUID id);

    Optional<Dossier> findByBusinessKey(DossierType type, String businessKey);

    void add(Dossier dossier);

    void add(Item item);

    Optional<Item> findItem(UUID id);

    /** The dossier's standing for the access decision, without loading the dossier. */
    Optional<RecordStanding> standingOfDossier(UUID id);

    /** The item's standing (its level never below its dossier's), without loading the item. */
    Optional<RecordStanding> standingOfItem(UUID id);

    Page list(DossierQuery query, AccessPolicy.ReadScope scope);

    /** The product lines (险种) of the dossiers in {@code scope}, in order, at most {@code max}. */
    List<String> productLines(AccessPolicy.ReadScope scope, int max);

    /** {@code insured}: one insured's dossiers across policies and claims (被保险人档案), by the name as filed. */
    record DossierQuery(String businessKey, DossierType type, DossierStatus status, String insured, int page, int size) {

        public DossierQuery(String businessKey, DossierType type, DossierStatus status, int page, int size) {
            this(businessKey, type, status, null, page, size);
        }
    }

    record Page(long total, List<Dossier> dossiers) {
    }
}

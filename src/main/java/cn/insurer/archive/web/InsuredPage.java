package cn.insurer.archive.web;

import cn.insurer.archive.access.AccessPolicy;
import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.dossier.Dossier;
import cn.insurer.archive.dossier.DossierRepository;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.transaction.Transactional;
import java.util.List;

/** 被保险人档案: one insured's policies and claims, as far as the reader may read them, newest first. */
@Named
@RequestScoped
public class InsuredPage {

    private static final int LISTED = 200;

    @Inject
    CurrentUser currentUser;

    @Inject
    DossierRepository dossiers;

    @Inject
    AccessPolicy access;

    private String name;
    private List<Dossier> found;

    @Transactional
    public List<Dossier> getDossiers() {
        if (found == null) {
            found = name == null || name.isBlank() ? List.of()
                    : dossiers.list(new DossierRepository.DossierQuery(null, null, null, name.trim(), 0, LISTED),
                            access.scopeOf(currentUser.get())).dossiers();
        }
        return found;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}

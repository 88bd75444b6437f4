package cn.insurer.archive.web;

import cn.insurer.archive.dossier.FilePlan;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Map;
import org.primefaces.model.DefaultTreeNode;
import org.primefaces.model.TreeNode;

/** 分类方案: the file plan as a tree of categories, record classes and their document types. */
@Named
@RequestScoped
public class FilePlanPage {

    @Inject
    FilePlan filePlan;

    @Inject
    Language language;

    private TreeNode<String> root;

    public TreeNode<String> getRoot() {
        if (root == null) {
            boolean english = language.isEnglish();
            root = new DefaultTreeNode<>(filePlan.fondsCode(), null);
            for (FilePlan.Category category : filePlan.categories()) {
                TreeNode<String> categoryNode = new DefaultTreeNode<>(category.code() + " · "
                        + (english ? category.nameEn() : category.name()), root);
                categoryNode.setExpanded(true);
                for (FilePlan.RecordClass recordClass : filePlan.classes()) {
                    if (!recordClass.category().equals(category.code())) {
                        continue;
                    }
                    TreeNode<String> classNode = new DefaultTreeNode<>(recordClass.code() + " · "
                            + (english ? recordClass.nameEn() : recordClass.name()) + " · " + recordClass.retentionCode(),
                            categoryNode);
                    for (Map.Entry<String, String> type : recordClass.documentTypes().entrySet()) {
                        new DefaultTreeNode<>(type.getValue() + " (" + type.getKey() + ")", classNode);
                    }
                }
            }
        }
        return root;
    }
}

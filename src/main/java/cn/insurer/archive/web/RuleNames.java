package cn.insurer.archive.web;

import cn.insurer.archive.retention.RetentionRule;
import cn.insurer.archive.retention.RetentionRules;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * A retention rule as the policy file names it for people ("保险期间一年以内的保单及理赔档案"), in
 * the desk's language: the policy writes its names as "中文 / English".
 */
@Named
@RequestScoped
public class RuleNames {

    @Inject
    RetentionRules rules;

    @Inject
    Language language;

    @Inject
    UiText text;

    public String of(String ruleId) {
        return rules.rule(ruleId).map(RetentionRule::name).map(name -> {
            int slash = name.indexOf(" / ");
            return slash < 0 ? name : language.isEnglish() ? name.substring(slash + 3) : name.substring(0, slash);
        }).orElseGet(() -> text.get("retention.rule.none"));
    }
}

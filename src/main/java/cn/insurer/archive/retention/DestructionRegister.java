package cn.insurer.archive.retention;

import jakarta.enterprise.context.ApplicationScoped;

/** 销毁清册: every destroyed dossier; kept permanently. */
@ApplicationScoped
public class DestructionRegister extends DispositionRegister {

    @Override
    public String name() {
        return "destruction-register";
    }

    @Override
    public String title() {
        return "档案销毁清册";
    }

    @Override
    protected String outcome() {
        return "DESTROYED";
    }
}

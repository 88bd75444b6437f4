package cn.insurer.archive.retention;

import jakarta.enterprise.context.ApplicationScoped;

/** 移交清册: every dossier handed over in a transfer package; kept permanently. */
@ApplicationScoped
public class TransferRegister extends DispositionRegister {

    @Override
    public String name() {
        return "transfer-register";
    }

    @Override
    public String title() {
        return "档案移交清册";
    }

    @Override
    protected String outcome() {
        return "TRANSFERRED";
    }
}

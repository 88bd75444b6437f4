package cn.insurer.archive.dossier;

import java.util.UUID;

/** An item was filed (by the API, the desk or an import), with the size of its bytes. */
public record ItemFiled(UUID dossierId, UUID itemId, long size) {
}

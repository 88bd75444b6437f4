package cn.insurer.archive.dossier;

import java.util.Optional;

/**
 * The retention period the rules give a dossier as it stands, written as the archival code writes
 * it (DA/T 22 保管期限代码): {@code D05}, {@code D10}, {@code D30} or {@code Y} for permanent. Empty
 * when no rule covers the dossier. The rules live with retention; sealing asks through this.
 */
public interface RetentionPeriod {

    Optional<String> codeFor(Dossier dossier);
}

package io.virtforge.fake.kernel;

import io.virtforge.host.sysfs.Errno;
import io.virtforge.host.sysfs.MemoryTuningPaths;
import io.virtforge.fake.kernel.fs.ChoiceAttribute;
import io.virtforge.fake.kernel.fs.DynamicAttribute;
import io.virtforge.fake.kernel.fs.FakeFile;
import io.virtforge.fake.kernel.fs.FakeTree;
import io.virtforge.fake.kernel.fs.KernelError;
import io.virtforge.fake.kernel.fs.KernelText;
import java.util.List;

/**
 * Transparent huge page modes ({@code enabled}, {@code defrag}: bracketed choices, another word is
 * {@code EINVAL}) and KSM ({@code run} takes 0, 1 or 2, else {@code EINVAL}; {@code pages_sharing} is
 * read-only).
 */
final class TuningFiles {
    static final List<String> THP_ENABLED = List.of("always", "madvise", "never");
    static final List<String> THP_DEFRAG = List.of("always", "defer", "defer+madvise", "madvise", "never");

    private TuningFiles() {
    }

    static void install(FakeTree tree, String thpEnabled, String thpDefrag, int ksmRun, long ksmPagesSharing) {
        tree.put(MemoryTuningPaths.THP_ENABLED, FakeFile.of(new ChoiceAttribute(THP_ENABLED, thpEnabled, true)));
        tree.put(MemoryTuningPaths.THP_DEFRAG, FakeFile.of(new ChoiceAttribute(THP_DEFRAG, thpDefrag, true)));
        int[] run = {ksmRun};
        tree.put(MemoryTuningPaths.KSM_RUN, FakeFile.of(DynamicAttribute.of(() -> run[0] + "\n", v -> {
            long n = KernelText.parseUnsigned(v, 10, 0xFFFF_FFFFL);
            if (n > 2) {
                throw new KernelError(Errno.EINVAL, "ksm run is 0, 1 or 2");
            }
            run[0] = (int) n;
        })));
        tree.put(MemoryTuningPaths.KSM_PAGES_SHARING, FakeFile.readOnly(ksmPagesSharing + "\n"));
    }
}

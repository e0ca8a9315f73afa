package dev.dltrack.trainer.nn;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/** What this JVM's JIT compiles with: the study's Java kernels are fast only where C2 runs. */
final class Jit {
  private Jit() {}

  /**
   * Whether the JIT has its C2 compiler: false where it runs C1 only ({@code -XX:TieredStopAtLevel}
   * below 4, or {@code -XX:CompilationMode=quick-only}); true where it cannot tell (not HotSpot).
   */
  static boolean hasC2() {
    try {
      HotSpotDiagnosticMXBean hotSpot =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      boolean tiered = Boolean.parseBoolean(hotSpot.getVMOption("TieredCompilation").getValue());
      int stopAt = Integer.parseInt(hotSpot.getVMOption("TieredStopAtLevel").getValue());
      String mode = hotSpot.getVMOption("CompilationMode").getValue();
      return !((tiered && stopAt < 4) || "quick-only".equals(mode));
    } catch (RuntimeException e) { // not HotSpot, or an option it does not have
      return true;
    }
  }
}

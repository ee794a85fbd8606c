package dev.flightlog.store;

import dev.flightlog.metrics.Block;
import java.util.List;

/** A 5-hour usage block (see {@code metrics.Blocks}) and the usage of each model in it. */
public record UsageBlock(Block block, List<ModelUsage> models) {
  public UsageBlock {
    models = List.copyOf(models);
  }
}

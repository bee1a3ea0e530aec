package dev.snapshotmanager.run.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of runs; {@code nextCursor} is {@code null} on the last page. */
@Schema(name = "RunPage")
public record RunPage(List<RunView> items, String nextCursor) {
}

package org.peakpilot.monitoring.internal;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Closing several alarms with one comment: refused as a whole when any id is unknown or outside the caller's scope
 * or the caller may not handle it; {@code closed} the ids closed now, {@code skipped} those already closed or
 * recovered, left as they were.
 */
@Schema(description = "The result of closing several alarms · 批量关闭结果")
public record BulkClose(
		@Schema(description = "The ids closed now · 本次关闭的告警 ID") List<Long> closed,
		@Schema(description = "The ids already closed or recovered, left as they were · 已关闭或已恢复而跳过的告警 ID") List<Long> skipped) {
}

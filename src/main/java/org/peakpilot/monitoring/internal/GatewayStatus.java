package org.peakpilot.monitoring.internal;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/** The status a gateway reported on its own (heartbeat), and when it was received. */
@Schema(description = "A gateway's heartbeat as received · 终端心跳")
public record GatewayStatus(
		@Schema(description = "The gateway's id · 采集终端 ID") long gatewayId,
		@Schema(description = "When the status was received · 接收时间") Instant receivedAt,
		@Schema(description = "What the gateway reported, a JSON object as text (may be empty) · 终端上报的状态（JSON 文本）") String status) {
}

package org.peakpilot.monitoring;

@io.swagger.v3.oas.annotations.media.Schema(description = "A gateway with its device token, shown this once · 采集终端及其设备令牌（仅此一次）")
public record CreatedGateway(
		@io.swagger.v3.oas.annotations.media.Schema(description = "The gateway · 采集终端") Gateway gateway,
		@io.swagger.v3.oas.annotations.media.Schema(example = "ppd_3kV9…", description = "The device token (ppd_…) in clear; only its hash "
				+ "is stored, so keep it now · 设备令牌明文，服务器只存其散列，请立即保存") String token) {
}

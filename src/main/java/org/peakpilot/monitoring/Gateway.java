package org.peakpilot.monitoring;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A gateway (采集终端) and its device token's prefix; the token itself is shown once, at creation.
 * {@code previousTokenUntil}: after a rotation, until when the previous token still works (null when it does not);
 * {@code lastStatusAt}, {@code lastStatus}: the last status the gateway reported with a heartbeat;
 * {@code timestampMarks}: "start" or "end", what its times mark when a batch does not say.
 */
@Schema(description = "A gateway (data collection terminal) of an enterprise · 企业的采集终端")
public record Gateway(
		@Schema(description = "The gateway's id · 采集终端 ID") long id,
		@Schema(description = "The enterprise's id · 企业 ID") long enterpriseId,
		@Schema(description = "The gateway's name within the enterprise · 终端名称") String name,
		@Schema(description = "The first characters of its device token (ppd_…), to recognise it; the token itself is shown only once · 设备令牌前缀（令牌仅显示一次）") String tokenPrefix,
		@Schema(description = "When it was registered (UTC instant) · 登记时间") Instant createdAt,
		@Schema(description = "Who registered it · 登记人") String createdBy,
		@Schema(description = "When its token was revoked; null while active · 令牌吊销时间（有效时为空）") Instant revokedAt,
		@Schema(description = "When it last sent readings or a heartbeat · 最近一次上传或心跳时间") Instant lastSeenAt,
		@Schema(description = "After a rotation, until when the previous token still works; null when it does not · 轮换后旧令牌有效期限（无则为空）") Instant previousTokenUntil,
		@Schema(description = "When it last reported its status (heartbeat) · 最近一次状态上报时间") Instant lastStatusAt,
		@Schema(description = "The last status it reported, a JSON object as text · 最近上报的状态（JSON 文本）") String lastStatus,
		@Schema(description = "What its times mark when a batch does not say: start or end of the interval · 时间戳表示间隔开始或结束", allowableValues = { "start", "end" }) String timestampMarks) {

	public Gateway(long id, long enterpriseId, String name, String tokenPrefix, Instant createdAt, String createdBy,
			Instant revokedAt, Instant lastSeenAt) {
		this(id, enterpriseId, name, tokenPrefix, createdAt, createdBy, revokedAt, lastSeenAt, null, null, null, "end");
	}
}

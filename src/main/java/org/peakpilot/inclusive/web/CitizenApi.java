package org.peakpilot.inclusive.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.peakpilot.inclusive.internal.AccountKind;
import org.peakpilot.inclusive.internal.Asset;
import org.peakpilot.inclusive.internal.Badges;
import org.peakpilot.inclusive.internal.CitizenActivity;
import org.peakpilot.inclusive.internal.Citizens;
import org.peakpilot.inclusive.internal.Ledger;
import org.peakpilot.inclusive.internal.Rankings;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The citizen's own account as JSON (碳普惠 · 我的账户): what its home page shows. */
@RestController
@Tag(name = "inclusive", description = "Carbon-inclusive scheme · 碳普惠")
class CitizenApi {

	private final Citizens citizens;
	private final CitizenActivity activity;
	private final Ledger ledger;
	private final Rankings rankings;
	private final Badges badges;
	private final Clock clock;

	CitizenApi(Citizens citizens, CitizenActivity activity, Ledger ledger, Rankings rankings, Badges badges, Clock clock) {
		this.citizens = citizens;
		this.activity = activity;
		this.ledger = ledger;
		this.rankings = rankings;
		this.badges = badges;
		this.clock = clock;
	}

	@Schema(name = "InclusiveAccount", description = "A citizen's own carbon-inclusive account · 碳普惠个人账户")
	record InclusiveAccount(
			@Schema(description = "Pseudonymous public name · 公开昵称", example = "绿行者") String publicName,
			@Schema(description = "Points balance, 1 point = 1 gCO2 avoided; not money, not transferable · 碳积分余额（1 积分 = 1 克二氧化碳减排量；非货币、不可转让）", example = "1520") long points,
			@Schema(description = "Engagement points (quiz, events): a separate currency, never a carbon figure · 互动积分（答题、活动），不计入减碳量", example = "30") long engagementPoints,
			@Schema(description = "The current month, Beijing time · 本月（北京时间）", type = "string", pattern = "\\d{4}-\\d{2}", example = "2026-12") String month,
			@Schema(description = "gCO2 avoided this month by credited trips and check-ins · 本月减排量（克二氧化碳）", example = "860") long monthGco2,
			@Schema(description = "Methodology code and version behind this month's figure · 本月减排量所用方法学及版本", example = "[\"LS-CM-001 V1\"]") List<String> methodologies,
			@Schema(description = "Rank in the city this month among citizens who opted in; absent when not opted in or not ranked yet · 本月全市排名（仅限自愿参与者；未参与或尚未计算时为空）", example = "12") Integer rank,
			@Schema(description = "Citizens ranked this month; absent with rank · 本月参与排名人数", example = "3400") Integer rankParticipants,
			@Schema(description = "Codes of the badges and frames won · 已获得的勋章和头像框代码", example = "[\"FIRST_TRIP\"]") List<String> badges,
			@Schema(description = "Latest trips and check-ins, newest first · 最近的出行和打卡（新在前）") List<InclusiveActivity> recent) {
	}

	@Schema(name = "InclusiveActivity", description = "A green trip or a scene check-in · 一次绿色出行或场景打卡")
	record InclusiveActivity(
			@Schema(description = "TRIP or VISIT · 出行或打卡", example = "TRIP") String kind,
			@Schema(description = "Start of the trip or time of the check-in · 出行开始或打卡时间") OffsetDateTime at,
			@Schema(description = "Mode (BUS, EBUS, BIKE, …) or VISIT · 出行方式", example = "BUS") String mode,
			@Schema(description = "Distance, km · 距离（公里）", example = "5.2") BigDecimal distanceKm,
			@Schema(description = "gCO2 avoided; absent unless credited · 减排量（克二氧化碳，未入账时为空）", example = "420") Long gco2,
			@Schema(description = "Points credited · 获得积分", example = "420") long points,
			@Schema(description = "CREDITED, REFUSED, FLAGGED or REJECTED · 状态", example = "CREDITED") String status,
			@Schema(description = "Methodology code · 方法学代码", example = "LS-CM-001") String methodologyCode,
			@Schema(description = "Methodology version · 方法学版本", example = "1") Integer methodologyVersion) {
	}

	@GetMapping("/api/v1/inclusive/me")
	@Operation(operationId = "getMyInclusiveAccount", summary = "My carbon-inclusive account · 我的碳普惠账户", description = """
			The signed-in citizen's points (1 point = 1 gCO2), engagement points apart, this month's gCO2 with its methodology
			versions, the city rank if opted in, badges won and the latest activity. Only the caller's own account.
			当前公民的碳积分（1 积分 = 1 克二氧化碳）、单列的互动积分、本月减排量及方法学版本、自愿参与时的全市排名、已获勋章和最近活动；仅本人账户。""")
	InclusiveAccount me() {
		Citizens.Citizen me = citizens.current();
		YearMonth month = YearMonth.from(LocalDate.now(clock.withZone(PageTime.BEIJING)));
		CitizenActivity.PeriodFigures f = activity.month(me.id(), month);
		var place = me.rankOptIn() ? rankings.place(me.id(), month).orElse(null) : null;
		return new InclusiveAccount(me.publicName(), ledger.balance(AccountKind.CITIZEN, String.valueOf(me.id()), Asset.POINT),
				ledger.balance(AccountKind.CITIZEN, String.valueOf(me.id()), Asset.ENGAGEMENT), month.toString(), f.gco2(),
				f.methodologies(), place == null ? null : place.rank(), place == null ? null : place.participants(),
				badges.won(me.id()).stream().map(w -> w.badge().code()).distinct().toList(),
				activity.recent(me.id(), 10).stream().map(a -> new InclusiveActivity(a.kind(), a.at(), a.mode(), a.distanceKm(),
						a.gco2(), a.points(), a.status(), a.methodologyCode(), a.methodologyVersion())).toList());
	}
}

package org.peakpilot.budget;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A budget holder's warning level (ADR 0016, execution and warnings). GREEN on track; YELLOW behind the seasonal path
 * within the red gap; AMBER an enterprise that used 80 % of its year's budget while ahead of the path; RED behind by
 * more than the red gap, intensity up year on year, an enterprise at 95 % while ahead of the path or over its budget;
 * INCOMPLETE data missing for a closed month, so no level the known figures cannot prove; NO_DATA no closed month or
 * no figure at all; MONITORED_ONLY a national-ETS enterprise listed without a budget of its own (monitored, never
 * warned against a budget of 0 t). Thresholds are the plan folder's {@code budget.properties}.
 */
@Schema(name = "BudgetWarningLevel", description = "GREEN on track · 正常; YELLOW behind the path within the red gap · 黄色预警; AMBER enterprise ≥ 80 % used ahead of the path · 橙色预警; RED beyond the red gap, intensity up, enterprise ≥ 95 % ahead of the path or over budget · 红色预警; INCOMPLETE data missing, no level proven · 数据不全; NO_DATA nothing to judge yet · 暂无数据; MONITORED_ONLY national-ETS enterprise without a budget of its own · 全国碳市场企业（仅监测）")
public enum WarningLevel {
	GREEN, YELLOW, AMBER, RED, INCOMPLETE, NO_DATA, MONITORED_ONLY;

	/** Whether the level is a warning to act on (YELLOW, AMBER, RED). */
	public boolean isWarning() {
		return this == YELLOW || this == AMBER || this == RED;
	}
}

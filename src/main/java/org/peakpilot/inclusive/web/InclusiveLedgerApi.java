package org.peakpilot.inclusive.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.peakpilot.inclusive.internal.LedgerReconciliations;
import org.peakpilot.platform.ApiRoles;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.Role;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The one ledger's reconciliation over REST (ADR 0019 "One ledger"), for the city office. */
@RestController
@Tag(name = "inclusive", description = "Carbon-inclusive scheme · 碳普惠")
class InclusiveLedgerApi {

	private final LedgerReconciliations reconciliations;

	InclusiveLedgerApi(LedgerReconciliations reconciliations) {
		this.reconciliations = reconciliations;
	}

	@GetMapping("/api/v1/inclusive/ledger/reconciliation")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "getLedgerReconciliation", summary = "The ledger's latest reconciliation · 碳普惠账本最近一次对账结果",
			description = """
					The latest run of the daily reconciliation (or of one started by the office): Σ of all postings per asset (must be 0),
					Σ per asset and account kind, the transactions checked and each problem found (a transaction that does not balance,
					whose integrity code does not match its content, or an account whose running balance does not follow). 404 before the
					first run.
					每日对账（或办公室手动对账）的最近一次结果：各资产全部分录之和（应为 0）、按资产和账户类型的和、已核对交易数及发现的每个问题
					（交易不平、完整性校验码与内容不符、账户余额链不连续）。尚未对账时 404。""")
	LedgerReconciliations.Run reconciliation() {
		return reconciliations.latest().orElseThrow(() -> new NotFoundException("no ledger reconciliation has run yet"));
	}

	@PostMapping("/api/v1/inclusive/ledger/reconciliation/run")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "runLedgerReconciliation", summary = "Reconcile the ledger now · 立即对账碳普惠账本", description = """
			Runs the reconciliation at once, stores and returns its result (as the daily job does). Audited. Takes a while on a
			large ledger: every transaction's integrity code is recomputed.
			立即对账，保存并返回结果（与每日任务相同）。记录审计。账本很大时耗时较长：每笔交易的完整性校验码都要重新计算。""")
	LedgerReconciliations.Run run() {
		return reconciliations.run(LedgerReconciliations.Trigger.OFFICE);
	}
}

package org.peakpilot.inclusive.web;

import java.util.List;
import java.util.Optional;

import org.peakpilot.inclusive.internal.AccountKind;
import org.peakpilot.inclusive.internal.Asset;
import org.peakpilot.inclusive.internal.Ledger;
import org.peakpilot.inclusive.internal.LedgerReconciliations;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.Role;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The office's view of the one ledger (ADR 0019 "One ledger"), city office only: the last reconciliation with its sums
 * per asset and account kind, the latest transactions with their postings (paged by sequence number), and an account
 * lookup (by id, or by kind, owner and asset) with its balance and postings. A button reconciles at once.
 */
@Controller
class LedgerOfficePages {

	static final int PAGE = 50;

	private final Ledger ledger;
	private final LedgerReconciliations reconciliations;

	LedgerOfficePages(Ledger ledger, LedgerReconciliations reconciliations) {
		this.ledger = ledger;
		this.reconciliations = reconciliations;
	}

	/** What the account lookup found. */
	record AccountView(Ledger.Account account, long balance, List<Ledger.Entry> entries, Long nextBefore) {
	}

	@GetMapping("/inclusive/office/ledger")
	String ledger(@RequestParam(required = false) Long before, @RequestParam(required = false) Long account,
			@RequestParam(required = false) AccountKind kind, @RequestParam(required = false) String owner,
			@RequestParam(required = false) Asset asset, @RequestParam(required = false) Long entriesBefore, Model model) {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
		if (owner != null && owner.length() > Ledger.MAX_OWNER) {
			throw new InvalidInputException("owner", "at most " + Ledger.MAX_OWNER + " characters");
		}
		model.addAttribute("latest", reconciliations.latest().orElse(null));
		List<Ledger.TxnView> txns = ledger.transactions(before, PAGE);
		model.addAttribute("txns", txns);
		model.addAttribute("before", before);
		model.addAttribute("nextBefore", txns.size() == PAGE ? txns.get(txns.size() - 1).seq() : null);
		model.addAttribute("kinds", AccountKind.values());
		model.addAttribute("assets", Asset.values());
		model.addAttribute("lookupAccount", account);
		model.addAttribute("lookupKind", kind);
		model.addAttribute("lookupOwner", owner);
		model.addAttribute("lookupAsset", asset);
		boolean lookup = account != null || (kind != null && owner != null && !owner.isBlank() && asset != null);
		model.addAttribute("lookup", lookup);
		if (lookup) {
			Optional<Ledger.Account> found = account != null ? ledger.accountOf(account)
					: ledger.find(kind, owner.strip(), asset).flatMap(ledger::accountOf);
			found.ifPresent(a -> {
				List<Ledger.Entry> entries = ledger.entries(a.id(), entriesBefore, PAGE);
				model.addAttribute("found", new AccountView(a, ledger.balance(a.id()), entries,
						entries.size() == PAGE ? entries.get(entries.size() - 1).seq() : null));
			});
		}
		return "inclusive/ledger/ledger";
	}

	@PostMapping("/inclusive/office/ledger/reconcile")
	String reconcile(RedirectAttributes redirect) {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
		LedgerReconciliations.Run run = reconciliations.run(LedgerReconciliations.Trigger.OFFICE);
		redirect.addFlashAttribute("reconciled", run.ok());
		return "redirect:/inclusive/office/ledger";
	}
}

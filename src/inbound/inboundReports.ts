import type { ResolvedConfig } from '../config/resolvedConfig.js';
import type { Logger } from '../log/logger.js';
import type { Db } from '../store/database.js';
import type { DeliveryReport, MailVerdict } from './deliveryReport.js';
import type { InboundMail } from './readReportMail.js';
import { readReportMail } from './readReportMail.js';
import type { ReportOutcome, ReportSettings } from './recordReport.js';
import { recordReport } from './recordReport.js';
import { readMailFolder } from './mailFolder.js';
import { VerpAddresses } from './verp.js';

/** What a batch of mails came to: recorded reports by kind, duplicates, unknown recipients, ignored mails by reason. */
export type InboundTally = Record<string, number>;

/**
 * The one handling behind the three ways reports arrive (the SMTP listener, a Maildir or mbox, the
 * webhooks): each report recorded and logged with its outcome.
 */
export class InboundReports {
  constructor(
    private readonly settings: ReportSettings,
    readonly verp: VerpAddresses | undefined,
    private readonly logger: Logger,
  ) {}

  async mail(mail: InboundMail, tally: InboundTally = {}): Promise<MailVerdict> {
    const verdict = await readReportMail(mail, this.verp);
    if (verdict.kind === 'ignored') {
      count(tally, `ignored ${verdict.reason}`);
      this.logger.log(verdict.reason === 'forged' ? 'warn' : 'info', 'inbound.ignored', { reason: verdict.reason, to: mail.envelopeTo.join(',') || undefined });
      return verdict;
    }
    for (const report of verdict.reports) this.report(report, tally);
    return verdict;
  }

  /** Every mail of a Maildir or mbox; Maildir mails are marked seen once recorded. */
  async folder(path: string, options: { includeSeen: boolean }): Promise<InboundTally> {
    const tally: InboundTally = {};
    for (const mail of await readMailFolder(path, options)) {
      await this.mail({ raw: mail.raw, envelopeTo: [] }, tally);
      await mail.markSeen();
    }
    return tally;
  }

  report(report: DeliveryReport, tally: InboundTally = {}): ReportOutcome {
    const outcome = recordReport(this.settings, report);
    count(tally, outcome.result === 'recorded' ? report.kind : outcome.result);
    this.logger.log(outcome.result === 'unknown-recipient' ? 'warn' : 'info', `inbound.${outcome.result}`, {
      kind: report.kind,
      source: report.source,
      ...(outcome.result === 'unknown-recipient' ? { recipient: outcome.recipient } : { subscriberId: outcome.subscriberId }),
      ...(outcome.result === 'recorded' ? { digestNumber: outcome.digestNumber, status: outcome.status } : {}),
    });
    return outcome;
  }
}

/** Signed addresses need both the bounce address and the secret; without them reports are matched by address. */
export function inboundReportsFor(config: ResolvedConfig, db: Db, logger: Logger, now: () => Date): InboundReports {
  const verp = config.email.bounceAddress === undefined || config.secret === undefined ? undefined : new VerpAddresses(config.email.bounceAddress, config.secret);
  return new InboundReports({ db, email: config.email, now }, verp, logger);
}

/** The domain the inbound listener takes mail for: the bounce address's, else the sender's. */
export function inboundDomain(config: ResolvedConfig): string {
  const address = config.email.bounceAddress ?? config.email.from.address;
  return address.slice(address.lastIndexOf('@') + 1);
}

function count(tally: InboundTally, key: string): void {
  tally[key] = (tally[key] ?? 0) + 1;
}

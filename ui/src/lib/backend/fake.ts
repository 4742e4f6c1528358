// An in-memory Backend for component tests and for `npm run dev` in a browser.
// It keeps the few rules screens need to show errors (required names, unique
// short codes, the passphrase); the real rules live in the Rust core.
import type {
  Agency,
  AgencyInput,
  ApiError,
  AppStatus,
  FieldError,
  Panel,
  PanelInput,
  PanelKind,
  SetupInput,
  UserProfile,
} from "../bindings";
import type { Backend } from "./index";

const DEFAULT_STATEMENT =
  "Information shared at this meeting is confidential. It must not be shared outside this meeting without the agreement of the agency that gave it.";

function invalid(fields: FieldError[]): ApiError {
  const message = fields.length === 1 ? (fields[0]?.message ?? "") : `There are ${fields.length} problems to fix.`;
  return { code: "validation", message, fields };
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

export class FakeBackend implements Backend {
  passphrase: string | null = null;
  unlocked = false;
  user: UserProfile | null = null;
  panels: Panel[] = [];
  agencies: Agency[] = [];
  calls: string[] = [];
  private nextId = 1;

  private id(): string {
    const n = (this.nextId++).toString(16).padStart(12, "0");
    return `00000000-0000-4000-8000-${n}`;
  }

  private status(): AppStatus {
    const state = this.unlocked ? "unlocked" : this.passphrase === null ? "needs_setup" : "locked";
    return { state, user: this.unlocked ? this.user : null, data_dir: "/home/user/.local/share/roundtable" };
  }

  private requireUnlocked(): void {
    if (!this.unlocked) throw { code: "locked", message: "Roundtable is locked.", fields: [] } satisfies ApiError;
  }

  async appStatus() {
    return this.status();
  }

  async setUp(input: SetupInput) {
    this.calls.push("setUp");
    const errors: FieldError[] = [];
    if (input.passphrase.length < 12)
      errors.push({ field: "passphrase", message: "Passphrase must be at least 12 characters." });
    if (input.confirm_passphrase !== input.passphrase)
      errors.push({ field: "confirm_passphrase", message: "The passphrases do not match." });
    if (!input.name.trim()) errors.push({ field: "name", message: "Enter your name." });
    if (!input.role) errors.push({ field: "role", message: "Select your role." });
    if (errors.length) throw invalid(errors);
    this.passphrase = input.passphrase;
    this.user = { name: input.name.trim(), role: input.role ?? "other" };
    this.unlocked = true;
    return this.status();
  }

  async unlock(passphrase: string) {
    this.calls.push("unlock");
    if (passphrase !== this.passphrase)
      throw invalid([{ field: "passphrase", message: "That passphrase is not right. Check it and try again." }]);
    this.unlocked = true;
    return this.status();
  }

  async lock() {
    this.unlocked = false;
    return this.status();
  }

  async listPanels() {
    this.requireUnlocked();
    return clone(this.panels);
  }

  async newPanelDefaults(kind: PanelKind): Promise<PanelInput> {
    return {
      name: "",
      kind,
      meeting_minutes: 180,
      minutes_per_case: 12,
      confidentiality_statement: DEFAULT_STATEMENT,
      protective_marking: "OFFICIAL-SENSITIVE",
      repeat_window_months: 12,
    };
  }

  private checkPanel(input: PanelInput, except?: string): void {
    const name = input.name.trim();
    if (!name) throw invalid([{ field: "name", message: "Enter the panel's name." }]);
    const clash = this.panels.find((p) => p.id !== except && p.name.toLowerCase() === name.toLowerCase());
    if (clash) throw invalid([{ field: "name", message: `There is already a panel called ${clash.name}. Choose another name.` }]);
  }

  async createPanel(input: PanelInput) {
    this.requireUnlocked();
    this.checkPanel(input);
    const panel: Panel = { ...input, name: input.name.trim(), id: this.id(), archived: false, member_agency_ids: [] };
    this.panels.push(panel);
    return clone(panel);
  }

  private panel(id: string): Panel {
    const panel = this.panels.find((p) => p.id === id);
    if (!panel) throw { code: "not_found", message: "That panel was not found.", fields: [] } satisfies ApiError;
    return panel;
  }

  async updatePanel(id: string, input: PanelInput) {
    this.requireUnlocked();
    this.checkPanel(input, id);
    Object.assign(this.panel(id), input, { name: input.name.trim() });
    return clone(this.panel(id));
  }

  async setPanelArchived(id: string, archived: boolean) {
    this.requireUnlocked();
    this.panel(id).archived = archived;
    return clone(this.panel(id));
  }

  async setPanelMembership(panelId: string, agencyId: string, member: boolean) {
    this.requireUnlocked();
    const panel = this.panel(panelId);
    const agency = this.agency(agencyId);
    panel.member_agency_ids = panel.member_agency_ids.filter((id) => id !== agencyId);
    agency.panel_ids = agency.panel_ids.filter((id) => id !== panelId);
    if (member) {
      panel.member_agency_ids.push(agencyId);
      agency.panel_ids.push(panelId);
    }
    return clone(panel);
  }

  async listAgencies() {
    this.requireUnlocked();
    return clone(this.agencies);
  }

  private agency(id: string): Agency {
    const agency = this.agencies.find((a) => a.id === id);
    if (!agency) throw { code: "not_found", message: "That agency was not found.", fields: [] } satisfies ApiError;
    return agency;
  }

  private checkAgency(input: AgencyInput, except?: string): void {
    const errors: FieldError[] = [];
    if (!input.name.trim()) errors.push({ field: "name", message: "Enter the agency's name." });
    const code = input.short_code.trim().toUpperCase();
    if (!code) errors.push({ field: "short_code", message: "Enter a short code." });
    const owner = this.agencies.find((a) => a.id !== except && a.short_code === code);
    if (owner)
      errors.push({ field: "short_code", message: `This short code is already used by ${owner.name}. Choose another.` });
    if (!input.sector) errors.push({ field: "sector", message: "Select the agency's sector." });
    input.representatives.forEach((rep, i) => {
      if (!rep.name.trim())
        errors.push({ field: `representatives.${i}.name`, message: "Enter the representative's name." });
    });
    if (errors.length) throw invalid(errors);
  }

  private toAgency(input: AgencyInput, id: string, existing?: Agency): Agency {
    return {
      id,
      name: input.name.trim(),
      short_code: input.short_code.trim().toUpperCase(),
      sector: input.sector ?? "other",
      secure_email: input.secure_email.trim() || null,
      representatives: input.representatives.map((r) => ({
        id: r.id ?? this.id(),
        name: r.name.trim(),
        role: r.role.trim() || null,
        email: r.email.trim() || null,
      })),
      panel_ids: existing?.panel_ids ?? [],
      archived: existing?.archived ?? false,
    };
  }

  async createAgency(input: AgencyInput) {
    this.requireUnlocked();
    this.checkAgency(input);
    const agency = this.toAgency(input, this.id());
    this.agencies.push(agency);
    return clone(agency);
  }

  async updateAgency(id: string, input: AgencyInput) {
    this.requireUnlocked();
    this.checkAgency(input, id);
    const updated = this.toAgency(input, id, this.agency(id));
    this.agencies = this.agencies.map((a) => (a.id === id ? updated : a));
    return clone(updated);
  }

  async setAgencyArchived(id: string, archived: boolean) {
    this.requireUnlocked();
    this.agency(id).archived = archived;
    return clone(this.agency(id));
  }

  async loadDemoData() {
    this.requireUnlocked();
    const panel = await this.createPanel({ ...(await this.newPanelDefaults("youth_marac")), name: "Lowbridge Youth MARAC" });
    for (const [name, code] of [
      ["Lowbridge Police", "POL"],
      ["Children's Social Care", "CSC"],
      ["Youth Justice Service", "YJS"],
    ] as const) {
      const agency = await this.createAgency({ name, short_code: code, sector: "other", secure_email: "", representatives: [] });
      await this.setPanelMembership(panel.id, agency.id, true);
    }
  }
}

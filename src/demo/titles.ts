/**
 * Short, generic ticket titles (Dutch, as the organisation writes them) with the resolver group
 * that owns the subject: a ticket starts at the service desk and, when handed over, goes to that
 * group. No names, no addresses, nothing personal.
 */
import type { Group } from "./organisation.js";

export interface TitleEntry {
  title: string;
  group: Group;
}

export const INCIDENT_TITLES: readonly TitleEntry[] = [
  { title: "Outlook start niet", group: "applicaties" },
  { title: "Mail komt niet aan", group: "applicaties" },
  { title: "Teams-vergadering valt weg", group: "applicaties" },
  { title: "Bestand op SharePoint niet te openen", group: "applicaties" },
  { title: "Zaaksysteem traag", group: "applicaties" },
  { title: "Foutmelding in HR-pakket", group: "applicaties" },
  { title: "Laptop start niet op", group: "werkplek" },
  { title: "Beeldscherm geeft geen beeld", group: "werkplek" },
  { title: "Printer drukt niet af", group: "werkplek" },
  { title: "Dockingstation werkt niet", group: "werkplek" },
  { title: "Accu laptop laadt niet", group: "werkplek" },
  { title: "Wifi valt steeds weg", group: "netwerk" },
  { title: "VPN-verbinding mislukt", group: "netwerk" },
  { title: "Netwerkaansluiting werkplek dood", group: "netwerk" },
  { title: "Telefonie: geen kiestoon", group: "netwerk" },
  { title: "Inloggen lukt niet", group: "werkplek" },
  { title: "MFA-code wordt niet geaccepteerd", group: "security" },
  { title: "Account geblokkeerd", group: "werkplek" },
];

/** P1 subjects: broad impact, usually straight to the second line. */
export const P1_TITLES: readonly TitleEntry[] = [
  { title: "Netwerkstoring op locatie", group: "netwerk" },
  { title: "Zaaksysteem onbereikbaar", group: "applicaties" },
  { title: "Mail voor hele organisatie verstoord", group: "applicaties" },
  { title: "Inloggen onmogelijk voor alle gebruikers", group: "werkplek" },
  { title: "Internetverbinding locatie uitgevallen", group: "netwerk" },
  { title: "Fileserver niet bereikbaar", group: "werkplek" },
];

export const SECURITY_TITLES: readonly TitleEntry[] = [
  { title: "Phishingmail gemeld", group: "security" },
  { title: "Verdachte aanmelding op account", group: "security" },
  { title: "Malwaremelding op laptop", group: "security" },
  { title: "Mogelijk datalek gemeld", group: "security" },
  { title: "Onbekend apparaat in netwerk", group: "security" },
  { title: "Verloren laptop gemeld", group: "security" },
];

export const SERVICE_REQUEST_TITLES: readonly TitleEntry[] = [
  { title: "Wachtwoord resetten", group: "servicedesk" },
  { title: "Vraag over Teams-functie", group: "servicedesk" },
  { title: "Toegang tot gedeelde agenda", group: "applicaties" },
  { title: "Extra licentie aanvragen", group: "applicaties" },
  { title: "Headset bestellen", group: "werkplek" },
  { title: "Vraag over printinstellingen", group: "servicedesk" },
  { title: "Informatie opvragen over back-up", group: "servicedesk" },
  { title: "Toetsenbord vervangen", group: "werkplek" },
];

export const WORKPLACE_TITLES: readonly TitleEntry[] = [
  { title: "Werkplek nieuwe medewerker", group: "werkplek" },
  { title: "Vervangende laptop", group: "werkplek" },
  { title: "Thuiswerkplek inrichten", group: "werkplek" },
  { title: "Flexplek inrichten", group: "werkplek" },
];

export const CHANGE_TITLES: readonly TitleEntry[] = [
  { title: "Firmware-update core-switch", group: "netwerk" },
  { title: "Firewallregels aanpassen", group: "netwerk" },
  { title: "Wifi-controller vervangen", group: "netwerk" },
  { title: "Upgrade zaaksysteem", group: "applicaties" },
  { title: "Nieuwe versie HR-pakket", group: "applicaties" },
  { title: "Intune-beleid aanpassen", group: "werkplek" },
  { title: "Uitrol nieuwe image werkplekken", group: "werkplek" },
  { title: "Conditional Access-regel wijzigen", group: "security" },
  { title: "Migratie fileshare naar SharePoint", group: "applicaties" },
];

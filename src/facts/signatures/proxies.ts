// What web proxies say themselves: their block, error and authentication pages and headers, lines of
// their access logs, and the CAs they re-sign intercepted TLS with. Any of these means "the proxy was
// reached and answered". Shapes from the products' own documentation and from pages people posted
// (corpus/tuning/proxies.jsonl names each source): Squid error pages (ERR_*; https://wiki.squid-cache.org/SquidFaq/SquidLogs
// for TCP_DENIED/407 and TCP_TUNNEL/200), Blue Coat/Symantec ProxySG exception ids (policy_denied,
// dns_unresolved_hostname, authentication_failed, tcp_error), Forefront TMG error codes (12209 = 407,
// 12202 = 502), Zscaler, Forcepoint/Websense, Palo Alto, Fortinet, Cisco Umbrella/WSA, McAfee/Skyhigh,
// Netskope, Sophos, Check Point. Microsoft's own edge (Azure Front Door, x-azure-ref) and Entra pages
// are Microsoft answering, never the customer's proxy.
import type { Signature } from '../signature.js';

const PRODUCTS: [RegExp, string][] = [
  // Squid's error page names: every template of errors/templates/ in squid-cache/squid (ERR_INVALID_URL is
  // left out: Node and Chrome use the same name; Chrome's "net::ERR_…" is never Squid's).
  [/\bsquid\b|X-Squid-Error|(?<!net::)\bERR_(?:ACCESS_DENIED|CACHE_ACCESS_DENIED|CACHE_MGR_ACCESS_DENIED|DNS_FAIL|CONNECT_FAIL|READ_TIMEOUT|READ_ERROR|WRITE_ERROR|CANNOT_FORWARD|FORWARDING_DENIED|GATEWAY_FAILURE|ICAP_FAILURE|ZERO_SIZE_OBJECT|INVALID_RESP|INVALID_REQ|SOCKET_FAILURE|SECURE_CONNECT_FAIL|LIFETIME_EXP|SHUTTING_DOWN|CONFLICT_HOST|ACL_TIME_QUOTA_EXCEEDED|TOO_BIG|UNSUP_REQ|UNSUP_HTTPVERSION|PROTOCOL_UNKNOWN|ONLY_IF_CACHED_MISS)\b/i, 'Squid'],
  [/Zscaler/i, 'Zscaler'],
  // BCSI-CS-<hex> is the cookie ProxySG sets on its own answers.
  [/Blue\s?Coat|ProxySG|X-BlueCoat-Via|policy_denied|dns_unresolved_hostname|Symantec Web Security|\bBCSI-CS-|notify\.bluecoat\.com/i, 'Blue Coat / Symantec'],
  [/Websense|Forcepoint|:15871\/cgi-bin\/block(?:page|_message)\.cgi/i, 'Forcepoint (Websense)'],
  [/Palo Alto Networks|PAN-OS/i, 'Palo Alto Networks'],
  [/Forti(?:Gate|Guard|net|Web|Proxy)/i, 'Fortinet'],
  // Umbrella serves its block pages from block./malware./phish.opendns.com (blockpage_signatures.json of
  // censoredplanet/assets-censoredplanet); "Secure Web Appliance" is the WSA's current name; its access log
  // shares Squid's result codes (TCP_DENIED/403) and adds ACL decision tags (BLOCK_WEBCAT_<n>-…, below).
  [/Cisco Umbrella|IronPort|Cisco Web Security|Cisco Secure Web Appliance|\bCisco WSA\b|\b(?:block|malware|phish)\.opendns\.com\b|\bBLOCK_(?:ADMIN|WEBCAT|CUSTOMCAT|WBRS|AMW|AVC)[A-Z_]*?(?:_\d+)?-/i, 'Cisco'],
  [/McAfee Web Gateway|Skyhigh|\bMWG\b/i, 'McAfee / Skyhigh Web Gateway'],
  [/Netskope/i, 'Netskope'],
  [/Sophos/i, 'Sophos'],
  [/Check Point(?! Mobile)|\/UserCheck\/PortalMain\?/i, 'Check Point'],
  [/Forefront TMG|ISA Server|Microsoft Forefront Threat Management Gateway|Internet Security and Acceleration Server/i, 'Forefront TMG / ISA'],
  [/e2guardian|DansGuardian/i, 'e2guardian'],
  [/Barracuda/i, 'Barracuda'],
  [/3proxy/i, '3proxy'],
  [/Privoxy/i, 'Privoxy'],
  [/\bmitmproxy\b/i, 'mitmproxy'],
  // Block pages of gateways seen in the wild (censoredplanet/assets-censoredplanet blockpage_signatures.json,
  // its a_prod_* fingerprints): each names its product.
  [/WatchGuard HTTP Proxy|WatchGuard Firewall/i, 'WatchGuard'],
  [/wired\.meraki\.com|Cisco Meraki/i, 'Cisco Meraki'],
  [/Netsweeper/i, 'Netsweeper'],
  [/ContentKeeper/i, 'ContentKeeper'],
  [/Lightspeed System - Web Access/i, 'Lightspeed Filter'],
  [/SonicWALL - Web Site Blocked|cfssupport\.sonicwall\.com/i, 'SonicWall'],
  [/Kerio Control/i, 'Kerio Control'],
  [/Juniper Web Filtering/i, 'Juniper'],
  [/error\.etp\.akamai\.com|Akamai Enterprise Threat Protector/i, 'Akamai ETP'],
];

/** The proxy product whose words appear in the text, if any. */
export function proxyProduct(text: string): string | undefined {
  return PRODUCTS.find(([re]) => re.test(text))?.[1];
}

const productOf = (m: RegExpExecArray) => proxyProduct(m.input);
// Cloudflare for Teams / Gateway: Cloudflare One's inspection root ("Cloudflare for Teams ECC Certificate
// Authority", developers.cloudflare.com/cloudflare-one user-side certificates); mitmproxy: its CA is made with
// organization="mitmproxy", cn="mitmproxy" (mitmproxy/certs.py create_ca).
const CA_VENDOR = String.raw`(?:Zscaler|Forti(?:Gate|net)|Blue ?Coat|Symantec SSL Visibility|Palo Alto(?: Networks)?|Cisco Umbrella|McAfee(?: Web Gateway)?|Skyhigh|Netskope|Sophos|Forcepoint|Websense|Check Point|Barracuda|Cloudflare for Teams|Cloudflare Gateway|mitmproxy)`;
// The vendor named as an issuer ("issuer=", "i:", "CN=", "issued by") or as a CA's name ("Zscaler Root CA").
const INSPECTING_CA = new RegExp(String.raw`(?:issuer\s*[:=]|issued by|\bi:\s*|CN\s*=)[^\n]{0,60}?(${CA_VENDOR}[\w .-]{0,30}?)(?=[,/\n"']|$)|(${CA_VENDOR}(?: [\w-]+){0,3} (?:Root|Intermediate|Issuing|SSL|Secondary)?\s?CA\b)`, 'i');

export const PROXY_SIGNATURES: Signature[] = [
  // ---- authentication pages and log lines (the proxy wants credentials: a 407 with or without the number)
  { id: 'squid-auth', re: /ERR_CACHE_ACCESS_DENIED|TCP_DENIED\/407|\b407 TCP_DENIED\b|TCP_DENIED:HIER_\w+(?=[^\n]*\b407\b)|(?<=\b407\b[^\n]*)TCP_DENIED:HIER_|Cache Access Denied|until you have authenticated yourself/i, op: 'http', kind: 'status', answeredBy: 'proxy', via: 'page', sure: 'high', status: () => 407, code: 'http:407', product: 'Squid' },
  { id: 'tmg-auth', re: /\(12209\)|Forefront TMG requires authorization|ISA Server requires authorization/i, op: 'http', kind: 'status', answeredBy: 'proxy', via: 'page', sure: 'high', status: () => 407, code: 'http:407', product: 'Forefront TMG / ISA' },
  { id: 'bluecoat-auth', re: /authentication_failed|authentication_redirect/, op: 'http', kind: 'status', answeredBy: 'proxy', via: 'page', sure: 'high', status: () => 407, code: 'http:407', product: 'Blue Coat / Symantec' },
  { id: 'header-proxy-authenticate', re: /Proxy-Authenticate\s*:|This proxy requires authentication|proxy requires you to log ?in|You must be authenticated to access this URL/i, op: 'http', kind: 'status', answeredBy: 'proxy', via: 'header', sure: 'high', status: () => 407, code: 'http:407', product: productOf },
  { id: 'product-auth-page', re: /(?:Zscaler|McAfee Web Gateway|Skyhigh|Netskope|Sophos|Forcepoint|Websense|Cisco|Fortinet|FortiGate)[^\n]{0,160}Authentication Required|Authentication Required[^\n]{0,160}(?:Zscaler|McAfee|Skyhigh|Netskope|Sophos|Forcepoint|Websense|Cisco|Fortinet)/i, op: 'http', kind: 'status', answeredBy: 'proxy', via: 'page', sure: 'high', status: () => 407, code: 'http:407', product: productOf },
  // ---- block / deny pages and log lines
  // TCP_DENIED with any status (ssl_bump logs a denied CONNECT as TCP_DENIED/200) and NONE(_NONE)/403
  // (Squid's access.log result codes, https://wiki.squid-cache.org/SquidFaq/SquidLogs), also in a custom
  // logformat that prints the result and hierarchy codes as "%Ss:%Sh" (TCP_DENIED:HIER_NONE) and the
  // status apart (https://www.squid-cache.org/Doc/config/logformat/); a 407 on the line is squid-auth's.
  { id: 'squid-denied', re: /(?<!net::)ERR_ACCESS_DENIED|TCP_DENIED\/(?!407)\d{3}|(?<!\b407\b[^\n]*)TCP_DENIED:HIER_\w+(?![^\n]*\b407\b)|\bNONE(?:_NONE)?\/403\b|X-Squid-Error:\s*ERR_ACCESS_DENIED/, op: 'http', kind: 'blocked', answeredBy: 'proxy', via: 'page', sure: 'high', status: () => 403, code: 'http:403', product: (m) => proxyProduct(m.input) ?? 'Squid' },
  { id: 'bluecoat-denied', re: /policy_denied|Access Denied \(policy_denied\)|content_filter_denied/, op: 'http', kind: 'blocked', answeredBy: 'proxy', via: 'page', sure: 'high', status: () => 403, product: 'Blue Coat / Symantec' },
  { id: 'vendor-block-page', re: /Internet Security by Zscaler|Not allowed to browse [^\n]{1,60}? category|Sorry, you don.t have permission to visit this site|Website blocked|Content blocked by your organization|This Websense category is filtered|Web Page Blocked|has been blocked in accordance with company policy|FortiGuard (?:Web Filtering|Intrusion Prevention)|This page is blocked by Cisco Umbrella|blocked by (?:your )?(?:organization|administrator).{0,40}(?:proxy|policy)|Notification: Policy:|Access to the Web Proxy filter is denied|Access to this site is blocked|in violation of your internet usage policy|This site is blocked due to a security threat|Internet usage is monitored and logged|not using an approved web browser|The URL you requested has been blocked|Check Point Web Filter|Sophos Web Appliance|McAfee Web Gateway[^\n]{0,60}(?:blocked|denied)|Netskope[^\n]{0,60}(?:blocked|denied)|e2guardian[^\n]{0,80}(?:denied|blocked)|Access has been Denied/i, op: 'http', kind: 'blocked', answeredBy: 'proxy', via: 'page', sure: 'high', product: productOf },
  // Blue Coat ProxySG's category page ("The Bluecoat category is: Proxy Avoidance … blocked by your organization").
  // Diladele Web Safety's block report names the product and its "Detection Results | Blocked" row.
  { id: 'websafety-blocked', re: /Web Safety for Squid Proxy[\s\S]{0,2000}?\bBlocked\b/i, op: 'http', kind: 'blocked', answeredBy: 'proxy', via: 'page', sure: 'high', product: 'Web Safety for Squid Proxy' },
  { id: 'bluecoat-category', re: /Blue ?Coat category is\s*:|category[^\n]{0,80}\b(?:is|are) blocked by your organi[sz]ation/i, op: 'http', kind: 'blocked', answeredBy: 'proxy', via: 'page', sure: 'high', product: productOf },
  { id: 'zscaler-block-details', re: /ZScaler block|Action:\s*deny\b[^\n]{0,80}Reason|Blocked Category:/i, op: 'http', kind: 'blocked', answeredBy: 'proxy', via: 'page', sure: 'high', product: 'Zscaler' },
  { id: 'e2guardian-log', re: /\*(?:DENIED|VERWEIGERT|REFUS[EÉ]|BLOCKED)\*/, op: 'http', kind: 'blocked', answeredBy: 'proxy', via: 'log', sure: 'high', product: 'e2guardian' },
  // ---- the proxy could not reach the destination itself and said so (its DNS, its upstream)
  { id: 'proxy-upstream', re: /ERR_DNS_FAIL|ERR_CONNECT_FAIL|ERR_READ_TIMEOUT|Unable to determine IP address from host name|the cache was not able to resolve the hostname|dns_unresolved_hostname|dns_server_failure|\btcp_error\b|\b502 Proxy Error\b|Proxy Error[^\n]{0,80}(?:502|upstream)|TCP_MISS\/50[234]|NONE\/503|TAG_NONE\/503/i, op: 'http', kind: 'upstream', answeredBy: 'proxy', via: 'page', sure: 'high', product: productOf },
  // Privoxy's own pages (its templates: "This is Privoxy <version> on <host>", "Internal Privoxy Error",
  // "Forwarding failure"; https://www.privoxy.org/user-manual/templates.html).
  { id: 'privoxy-page', re: /This is Privoxy [\d.]+ on|Internal Privoxy Error|\(Privoxy@[\w.-]+\)|Privoxy (?:was unable to|encountered an error)/, op: 'http', kind: 'upstream', answeredBy: 'proxy', via: 'page', sure: 'high', product: 'Privoxy' },
  // Squid's error template header in the translations it ships (errors/<lang>/ERR_*): en, zh-cn, zh-tw.
  { id: 'squid-template', re: /The following error was encountered while trying to retrieve the URL|当尝试取回该 URL 时遇到下面的错误|Запрошенный URL не может быть (?:получен|доставлен)|當嘗試取回該 URL 時遇到下面的錯誤|缓存服务器的管理员|快取伺服器的管理員/, op: 'http', kind: 'page', answeredBy: 'proxy', via: 'page', sure: 'medium', product: 'Squid' },
  // The same header sentence and the "Your cache administrator is" footer in the other translations Squid
  // ships (errors/<lang>.po in squid-cache/squid: af bg de es et fr he hu hy it ja lv nl oc pt-br ro ru sk sl
  // sr-latn sv th tr uk, and the footers of el fi ka ms); entities as the templates write them or decoded.
  { id: 'squid-template-i18n', re: /Die volgende fout is teëgekom tydens verkryging van die URL|Възникна следната грешка при опит за достъп до|Der folgende Fehler wurde beim Versuch die URL|Se encontró el siguiente error al intentar recuperar la dirección URL|Tekkis j(?:&auml;|ä)rgnev viga sooritades p(?:&auml;|ä)ringut URLile|L.erreur suivante s.est produite en essayant d.acc(?:é|&eacute;)der (?:à|&agrave;) l.URL|השגיאה הבאה אירעה בעת ניסיון לפענח את כתובת ה|Hiba történt a\(z\) [^\n]{1,300}? URL betöltése közben|URL-ի ստացման ընթացքում առաջացավ հետևյալ սխալը|Mentre si cercava di accedere alla URL|URL: [^\n]{1,300}? の取得中に以下のエラーが発生しました|Iestājusies sekojoša kļūda mēģinot atvērt adresi|De volgende fout is opgetreden tijdens het ophalen van URL|L.error seguenta s.es producha en ensajant d.accedir a l.URL|O seguinte erro foi encontrado ao tentar recuperar a URL|S-a recepţionat următoarea eroare când se încerca accesarea URL-ului|При получении URL [^\n]{1,300}? произошла следующая ошибка|Pri pokuse o získanie URL sa vyskytla nasledovná chyba|Prišlo je do napake med poskusom nalaganja naslova URL|Greška učitavanja podataka sa adrese \(URL\)|Följande fel uppstod vid försöket att hämta URL:en|พบความผิดพลาดดังต่อไปนี้ระหว่างที่พยายามเรียกดู URL|URL adresine erişilmeye çalışıyorken hata meydana geldi|При отриманні URL: [^\n]{1,300}? виникла помилка|Ihr Cache Administrator ist|Votre administrateur proxy est|Su administrador del cach(?:é|&eacute;) es|El administrador del cach(?:é|&eacute;) es|L.amministratore del proxy è|De beheerder van deze cache is|Seu administrador do cache é|Администратор Вашего кэша:|Din cacheadministratör är|A proxyszerver üzemeltetőjének e-mail címe|Välityspalvelintasi ylläpitää|Ο διαχειριστής του μεσολαβητή σας είναι|Önbellk yöneticiniz|Адміністратор даного кешу|Вашият кеш администратор е|Vaším správcom cache je|Pengurus Proxy anda ialah|თქვენი კეშის ადმინისტრატორია/, op: 'http', kind: 'page', answeredBy: 'proxy', via: 'page', sure: 'medium', product: 'Squid' },
  // The body sentences of ERR_CACHE_ACCESS_DENIED (407: "… until you have authenticated yourself"),
  // ERR_ACCESS_DENIED ("Access control configuration prevents your request …") and ERR_DNS_FAIL ("Unable to
  // determine IP address from host name …") in the translations Squid ships (errors/<lang>.po in
  // squid-cache/squid; Turkish's 407 sentence does not say "authenticate" and is left out).
  { id: 'squid-auth-i18n', re: /keşdə identifikasiyanı keçməyəcəyiniz təqdirdə sorğu verə bilməzsiniz|от този кеш докато не представите своето име и парола за достъп|no est(?:&agrave;|à) perm(?:&egrave;|è)s sense autentificaci(?:&oacute;|ó) pr(?:&egrave;|è)via|Omlouváme se, ale přístup k [^\n]{1,300}? je povolen až po autorizaci|fra denne cache f(?:&oslash;|ø)rend du har autenticieret dig selv|von diesem Cache abzurufen, bis sie sich authentifiziert haben|από αυτόν τον μεσολαβητή, μέχρι να πιστοποιήσετε τον εαυτό σας|de este (?:Administrador de )?Cach(?:é|&eacute;) hasta que te hayas autenticado|kuni te pole l(?:&auml;|ä)binud autoriseerimist|tästä välityspalvelimesta ennen kuin olet todentanut henkilöllisyytesi|de ce cache tant que vous ne serez pas identifi(?:é|&eacute;)|מהשרת הזה עד שתזה את עצמך|URL eléréséhez be kell jelentkeznie a proxyszerverre|մինչև աութենտիֆիկացիան չանցնեք|da questa cache (?:è|&egrave;) necessario prima identificarsi|あなた自身を認証するまで、このキャッシュは|이 캐쉬를 통해 다음 서비스를 받기 위해서는|per šį serverį, kol jūs neprisistatysite|no kešatmiņas pirms neesat autentificējies|van deze cache op te vragen totdat u zich geidentificeerd hebt|z tego serwera cache, dopóki nie dokonałeś autoryzacji|deste cache até que você tenha se autenticado|através desse servidor até que se autentique|din acest cache până când nu vă autentificaţi|из этого кэша до тех пор, пока не пройдёте аутентификацию|z cache vám bude povolený až po tom ako sa autentifikujete|od tega predpomnilnika, dokler ne potrdite svoje istovetnosti|od ovog proksi servera ukoliko se ne autentifikujete|från denna cache förrän du har autentiserat dig|з цього кешу\. Спочатку авторизуйтеся|ушбу кеш томонидан тасдиқдан ўтмагунингизча рухсат берилмайди|từ vùng nhớ tạm này thì trước tiên bạn cần phải tự xác thực|通过本网络缓存服务器访问下列位置[^\n]{0,300}?除非您通过了我们的身份验证|透過我們這個網路快取伺服器傳回下列位置[^\n]{0,300}?除非您通過了我們的身份驗證/, op: 'http', kind: 'status', answeredBy: 'proxy', via: 'page', sure: 'high', status: () => 407, code: 'http:407', product: 'Squid' },
  { id: 'squid-denied-i18n', re: /Die opstelling van toegangsbeheer keer dat u navraag nou toegelaat kan word|giriş nəzarəti qaydaları sorğunuzun cavablandırılmasına qadağa qoyur|Конфигурацията за контрол на достъпа не позволява да бъде изпълнена Вашата заявка|La configuraci(?:ó|&oacute;) del control d.acc(?:&eacute;|é)s impedeix realitzar aquesta operaci|Nastavení přístupových práv aktuálně neumožňuje zpracovat požadavek|Adgangs kontrollen tillader ikke din foresp|Die Anfrage wurde aufgrund mangelnder Zugriffsrechte verweigert|Οι ρυθμίσεις του μηχανισμού πρόσβασης αποτρέπουν την ολοκλήρωση της αιτήσεως σας|La configuraci(?:ó|&oacute;)n de control de acceso evita que su solicitud sea|Pääsynvalvonnan asetukset eväävät pyyntösi|La configuration du contr(?:ô|&ocirc;)le d.acc(?:è|&egrave;)s, emp(?:ê|&ecirc;)che votre requ(?:ê|&ecirc;)te|הגדרות הגישה מונעות אישור בקשתך|Jelen pillanatban nincs jogosultsága a kért tartalom eléréséhez|Konfigurasi kontrol akses mencegah permintaan anda dibolehkan|La richiesta non (?:è|&egrave;) permessa dalle impostazioni di sicurezza|設定されたアクセス制御によって、現時点ではあなたによる要求は許可できません|წვდომის კონფიგურაცია ამ მომენტში თქვენი მოთხოვნის შესრულებას კრძალავს|이 서버를 이용하기 위해서는 이용 허가가 필요합니다|Priėjimo kontrolės konfigūracija šiuo metu neleidžia|pēc pieejas kontroles uzstādījumiem jūsu pieprasījums nav atļauts|U heeft geen toegang tot de URL die u probeerde op te vragen van deze server|Konfiguracja serwera wyklucza Twój dostęp do niego w chwili obecnej|A configuração do controle de acesso impede que sua requisição seja permitida|O controle de acessos impediu sua requisição|Configuraţia de control al accesului împiedică ca cererea dumneavoastră să fie permisă|Система контроля доступа не позволяет выполнить ваш запрос сейчас|nebolo možné splniť kvôli konfigurácii riadenia prístupu|ker to preprečujejo nastavitve nadzora dostopa|Sistem je konfigurisan tako da vam u ovom trenutku pristup nije dozvoljen|Konfigurationen av åtkomstkontrollen förhindrar att din begäran tillåts|Erişim kontrol mekanizması istediğiniz bilgilere ulaşmanızı yasaklıyor|Налаштування контролю доступу забороняє обробку Вашого запиту|Cấu hình điều khiển truy cập không cho phép bạn yêu cầu vào lúc này|当前的存取控制设定禁止您的请求被接受|欲連結之網站的存取控制設定目前禁止了您的連線要求/, op: 'http', kind: 'blocked', answeredBy: 'proxy', via: 'page', sure: 'high', status: () => 403, code: 'http:403', product: 'Squid' },
  { id: 'squid-dns-i18n', re: /Kan nie IP-adres vanaf gasheernaam|Uzaqda yerləşən kompyuterin İP adresini təyin mumkun olmadı|Не може да бъде намерен IP адресът на сървъра|No ha estat possible determinar l.adre(?:&ccedil;|ç)a IP del servidor|Jméno serveru není možno převést na IP adresu|Kunne ikke finde IP nummeret for navnet|Konnte keine IP Adresse vom Hostnamen|Δεν ήταν δυνατόν να εξακριβωθεί η διεύθυνση IP για το όνομα|No se puede determinar la direcci(?:ó|&oacute;)n IP a partir del nombre del host|Incapaz de determinar la direcci(?:&oacute;|ó)n IP a partir del nombre de la m(?:&aacute;|á)quina|Nimelle [^\n]{1,300}? ei voitu määrittää IP-osoitetta|Impossible de d(?:é|&eacute;)terminer l.adresse IP du nom d.h(?:ô|&ocirc;)te|לא יכול למצוא כתובת IP בשביל|DNS-névhez tartozó IP-cím nem oldható fel|Non (?:è|&egrave;) stato possibile risalire all.indirizzo IP corrispondente al nome host|ホスト名 [^\n]{1,300}? の IPアドレスがわかりません|에 대해서 IP 주소를 찾을 수 없습니다|Neįmanoma nustatyti [^\n]{1,300}? serverio IP adreso|Nevar nosakidrot IP adresi no saimniekdatora vārda|Niet in staat om het IP adres te bepalen van server|Impossible d.associar una adreça IP a la maquina|Nie można ustalić adresu IP hosta o nazwie|Impossível determinar o endereço IP do nome de host|Incapaz de determinar o endereço IP através do nome do host|Nu pot determina adresa IP din numele host-ului|Невозможно определить IP-адрес по имени узла|Nie je možné previesť názov počítača na IP adresu|Ni možno določiti naslova IP iz imena gostitelja|Det går inte att fastställa IP-adressen från värdnamnet|ไม่สามารถระบุที่อยู่ไอพีจากชื่อเครื่อง|isimli sunucuya ait herhangi bir IP adresi bulunamadı|Неможливо визначити IP адресу вузла|不能由主机名 [^\n]{1,300}? 确定 IP 地址|無法將您輸入的網站主機位置轉譯成正確的 IP 位置/, op: 'http', kind: 'upstream', answeredBy: 'proxy', via: 'page', sure: 'high', product: 'Squid' },
  { id: 'proxy-tls-page', re: /\bssl_failed\b|ERR_SECURE_CONNECT_FAIL/, op: 'tls', kind: 'failed', answeredBy: 'proxy', via: 'page', sure: 'high', product: productOf },
  // ---- a proxy's generated page or headers with a failure status
  // Squid's page footer ends "(squid/<version>)" in every language it ships ("Generated … by", "Создано …
  // на"); its X-Squid-Error header is there however a client prints headers ('x-squid-error': '…').
  { id: 'squid-generated', re: /\(squid\/[\d.]+[\w.-]*\)|X-Squid-Error['"]?\s*[:=]/i, op: 'http', kind: 'page', answeredBy: 'proxy', via: 'page', sure: 'high', product: 'Squid' },
  // ---- success through the proxy (evidence the path works)
  { id: 'proxy-tunnel-ok', re: /TCP_TUNNEL\/200|TAG_NONE\/200[^\n]{0,40}CONNECT|TCP_(?:MISS|HIT|REFRESH_\w+)\/200|HTTP\/1\.[01] 200 Connection established/i, op: 'tunnel', kind: 'success', answeredBy: 'proxy', via: 'log', sure: 'high', status: () => 200, product: productOf },
  { id: 'proxy-via-ok', re: /HTTP\/1\.[01] 200 OK[\s\S]{0,3000}?(?:X-BlueCoat-Via|\bVia:\s*1\.[01] )|(?:X-BlueCoat-Via|\bVia:\s*1\.[01] )[\s\S]{0,3000}?HTTP\/1\.[01] 200 OK/i, op: 'tunnel', kind: 'success', answeredBy: 'proxy', via: 'header', sure: 'medium', status: () => 200, product: productOf },
  // ---- a certificate chain issued by an inspecting proxy's CA
  // A certificate for a web-security vendor's own domain presented for another host (Go "x509: certificate
  // is valid for *.safezone.mcafee.com, not api.example.com"; .NET/OpenSSL name mismatches quoting the
  // names): the vendor's gateway answered the TLS handshake, not the destination.
  { id: 'vendor-cert-name', re: /certificate is (?:only )?valid for [^\n]{0,200}?\b(zscaler|mcafee|skyhigh|fortinet|fortiguard|bluecoat|paloaltonetworks|netskope|sophos|checkpoint|websense|forcepoint|umbrella|opendns|menlosecurity|iboss)\.(?:com|net|org)\b[^\n]{0,200}?,? not /i, op: 'tls', kind: 'untrusted', answeredBy: 'proxy', via: 'page', sure: 'high', product: productOf },
  { id: 'inspecting-ca', re: INSPECTING_CA, op: 'tls', kind: 'untrusted', answeredBy: 'proxy', via: 'page', sure: 'high', issuer: (m) => (m[1] ?? m[2])!.trim(), product: productOf },

  // ---- from the products' own templates, exception lists and log formats (issue 12 item 3)
  // Squid: the rest of its error templates (errors/templates/ERR_* in squid-cache/squid, and the English
  // sentences that name Squid). The proxy could not get an answer upstream: no route to the origin or a parent, an
  // empty or malformed reply, a read/write error, its ICAP service failed, its connection lifetime ended.
  { id: 'squid-upstream-page', re: /(?<!net::)\bERR_(?:CANNOT_FORWARD|GATEWAY_FAILURE|ZERO_SIZE_OBJECT|INVALID_RESP|READ_ERROR|WRITE_ERROR|SOCKET_FAILURE|ICAP_FAILURE|LIFETIME_EXP|SHUTTING_DOWN|CONFLICT_HOST)\b|Squid did not receive any data for this request|Squid is unable to create a TCP socket|Squid has terminated the request because it has exceeded the maximum connection lifetime/, op: 'http', kind: 'upstream', answeredBy: 'proxy', via: 'page', sure: 'high', product: 'Squid' },
  // Squid refusing by its own rules: ERR_FORWARDING_DENIED, ERR_ACL_TIME_QUOTA_EXCEEDED, ERR_TOO_BIG (reply
  // size limit), the ERR_ACCESS_DENIED sentence, and TCP_DENIED_REPLY (http_reply_access denied the
  // answer; src/LogTags.cc) in access.log.
  { id: 'squid-denied-page', re: /(?<!net::)\bERR_(?:FORWARDING_DENIED|ACL_TIME_QUOTA_EXCEEDED|TOO_BIG|CACHE_MGR_ACCESS_DENIED)\b|Access control configuration prevents your request from being allowed at this time|This proxy limits your time online with a quota|This cache will not forward your request because it is trying to enforce a sibling relationship|\bTCP_DENIED_REPLY\/\d{3}\b/, op: 'http', kind: 'blocked', answeredBy: 'proxy', via: 'page', sure: 'high', product: 'Squid' },
  // Squid rejecting the request itself (ERR_INVALID_REQ, ERR_UNSUP_REQ, ERR_UNSUP_HTTPVERSION, ERR_PROTOCOL_UNKNOWN).
  { id: 'squid-request-page', re: /(?<!net::)\bERR_(?:INVALID_REQ|UNSUP_REQ|UNSUP_HTTPVERSION|PROTOCOL_UNKNOWN)\b/, op: 'http', kind: 'page', answeredBy: 'proxy', via: 'page', sure: 'high', product: 'Squid' },
  // ERR_SECURE_CONNECT_FAIL's body prints "%E (TLS code: %x)": the proxy's own TLS to the origin failed.
  { id: 'squid-tls-code', re: /\(TLS code: [A-Z][A-Z0-9_]+\)/, op: 'tls', kind: 'failed', answeredBy: 'proxy', via: 'page', sure: 'high', product: 'Squid' },
  // Access-log result/status pairs where the status is the proxy's own: a CONNECT it could not complete
  // (TCP_TUNNEL/5xx) and a transaction with no cache result that ended in a gateway error (NONE/502,
  // NONE_NONE/504). Squid (src/LogTags.cc; https://wiki.squid-cache.org/SquidFaq/SquidLogs) and Cisco WSA,
  // whose log documents NONE as "an error in the transaction, e.g. a DNS failure or gateway timeout".
  { id: 'proxy-log-upstream', re: /\bTCP_TUNNEL\/50[234]\b|\bNONE(?:_NONE)?\/50[24]\b/, op: 'http', kind: 'upstream', answeredBy: 'proxy', via: 'log', sure: 'high', status: (m) => Number(/50[234]/.exec(m[0])![0]), product: productOf },
  // Blue Coat / Symantec ProxySG built-in exception ids (CPL guide, exception.id=, e.g.
  // https://manualsdump.com/en/manuals/blue_coat_systems-proxy_sg/167273/178) as its pages print them,
  // "Title (id)", or as the x-exception-id column of its access log followed by sc-filter-result
  // (DENIED / PROXIED / OBSERVED; bcreportermain_v1 sample:
  // https://juniper.net/documentation/us/en/software/jsa7.5.0/jsa-dsm/topics/concept/jsa-configuring-dsm-sample-event-message-blue-coat-sg.html).
  { id: 'bluecoat-connect-denied', re: /\bconnect_method_denied\b/, op: 'tunnel', kind: 'blocked', answeredBy: 'proxy', via: 'page', sure: 'high', status: () => 403, product: 'Blue Coat / Symantec' },
  { id: 'bluecoat-exception-denied', re: /\((?:method_denied|authorization_failed|content_filter_unavailable|user_limit_exceeded|server_request_limit_exceeded|unsupported_protocol|silent_denied)\)|\b(?:method_denied|authorization_failed|content_filter_unavailable|user_limit_exceeded|unsupported_protocol|silent_denied)\s+DENIED\b/, op: 'http', kind: 'blocked', answeredBy: 'proxy', via: 'page', sure: 'high', product: 'Blue Coat / Symantec' },
  { id: 'bluecoat-exception-upstream', re: /\((?:gateway_timeout|gateway_error|invalid_response|icap_error|icap_communication_error)\)|\b(?:gateway_timeout|gateway_error|invalid_response|icap_error|icap_communication_error)\s+(?:DENIED|PROXIED|OBSERVED)\b/, op: 'http', kind: 'upstream', answeredBy: 'proxy', via: 'page', sure: 'high', product: 'Blue Coat / Symantec' },
  // ProxySG checks the origin's certificate itself: these ids mean its own TLS to Microsoft failed.
  { id: 'bluecoat-ssl-exception', re: /\bssl_(?:domain_invalid|server_cert_(?:untrusted_issuer|expired|revoked)|client_cert_revoked)\b/, op: 'tls', kind: 'failed', answeredBy: 'proxy', via: 'page', sure: 'high', product: 'Blue Coat / Symantec' },
  // The same log's sc-status s-action pair ("403 TCP_DENIED", "503 TCP_ERR_MISS", "200 TCP_TUNNELED");
  // "407 TCP_DENIED" is squid-auth's.
  { id: 'bluecoat-log-denied', re: /\b(?!407\b)([1-5]\d\d) TCP_DENIED\b/, op: 'http', kind: 'blocked', answeredBy: 'proxy', via: 'log', sure: 'high', status: (m) => (m[1] === '200' ? undefined : Number(m[1])), product: 'Blue Coat / Symantec' },
  { id: 'bluecoat-log-err-miss', re: /\bTCP_ERR_MISS\b/, op: 'http', kind: 'upstream', answeredBy: 'proxy', via: 'log', sure: 'high', product: 'Blue Coat / Symantec' },
  { id: 'bluecoat-log-tunneled', re: /\b200 TCP_TUNNELED\b/, op: 'tunnel', kind: 'success', answeredBy: 'proxy', via: 'log', sure: 'high', status: () => 200, product: 'Blue Coat / Symantec' },
  // Cisco WSA / Secure Web Appliance access-log ACL decision tags for a block (BLOCK_ADMIN, BLOCK_WEBCAT,
  // BLOCK_WBRS, BLOCK_AMW_RESP, BLOCK_AVC_APP, BLOCK_CONTINUE_WEBCAT, …; AsyncOS user guide "ACL Decision
  // Tags", https://www.cisco.com/c/en/us/support/docs/security/secure-web-appliance/225832-understand-secure-web-appliance.html):
  // the tag is followed by "_<policy number>-" or "-<policy group>".
  { id: 'cisco-wsa-block-tag', re: /\bBLOCK_(?:ADMIN|WEBCAT|CUSTOMCAT|WBRS|AMW|AVC|CONTINUE|SEARCH_UNSAFE|SUSPECT_USER_AGENT|UNSUPPORTED_SEARCH_APP|ICAP|DLP)[A-Z_]*?(?:_\d+)?-/, op: 'http', kind: 'blocked', answeredBy: 'proxy', via: 'log', sure: 'high', product: 'Cisco' },
  // Forefront TMG / ISA result codes (https://learn.microsoft.com/en-us/previous-versions/tn-archive/cc441734(v=technet.10)):
  // 12202 "denied the specified Uniform Resource Locator (URL)" (ISA 2000 sends it as "502 Proxy Error"),
  // 12201 "A chained proxy server or array member requires proxy-to-proxy authentication" (its upstream).
  { id: 'tmg-denied', re: /\(12202\)|The (?:ISA Server|Forefront TMG) denie[sd] the specified Uniform Resource Locator/i, op: 'http', kind: 'blocked', answeredBy: 'proxy', via: 'page', sure: 'high', product: 'Forefront TMG / ISA' },
  { id: 'tmg-chained-auth', re: /\(12201\)|A chained proxy server or array member requires proxy-to-proxy authentication/i, op: 'http', kind: 'upstream', answeredBy: 'proxy', via: 'page', sure: 'high', product: 'Forefront TMG / ISA' },
  // Zscaler's block notification redirect carries reasoncode=<REASON>_DENIED (https://help.zscaler.com/zia/block-custom-notification).
  { id: 'zscaler-reasoncode', re: /[?&]reasoncode=[A-Z]+(?:_[A-Z]+)*_DENIED\b/, op: 'http', kind: 'blocked', answeredBy: 'proxy', via: 'page', sure: 'high', product: 'Zscaler' },
  // Block pages captured in the wild, by product (censoredplanet/assets-censoredplanet blockpage_signatures.json,
  // https://github.com/censoredplanet/assets-censoredplanet): Palo Alto's URL filtering / application pages,
  // FortiGate's banned-URL, web filter and application control pages, SonicWall, WatchGuard's HTTP proxy,
  // Cisco's forbidden-site page, Umbrella's block hosts, Juniper, McAfee/Skyhigh Web Gateway notifications,
  // Akamai Enterprise Threat Protector.
  { id: 'vendor-block-capture', re: /Access to the (?:web page you were trying to visit|application you were trying to use) has been blocked in accordance with|The page you have requested has been blocked, because the URL is banned|Webfilter Violation|FortiGate Application Control|SonicWALL - Web Site Blocked|(?:Request|Response) denied by WatchGuard HTTP Proxy|You are attempting to access a forbidden site|\b(?:block|malware|phish)\.opendns\.com\b|Juniper Web Filtering|(?:McAfee|Skyhigh) (?:Secure )?Web Gateway - Notification - Blocked|error\.etp\.akamai\.com/i, op: 'http', kind: 'blocked', answeredBy: 'proxy', via: 'page', sure: 'high', product: productOf },
  // The forwards and pages of a blockpage pattern list built from OONI measurements (the "prod_*" entries of
  // an analysislib known_blocks table, each with the vendor document it cites): Palo Alto's redirect to
  // /php/urlblock.php?args= (https://knowledgebase.paloaltonetworks.com/KCSArticleDetail?id=kA10g000000ClsQCAS),
  // Forcepoint's block-page server on port 15871 (https://www.websense.com/content/support/library/web/v77/ws_faq/wsfaq_blockpages.aspx),
  // Umbrella/OpenDNS's "This site|domain is blocked due to content filtering." (support.opendns.com community
  // posts 220031687, 220047187), Cisco Meraki's "This website is blocked by your network operator." and
  // wired.meraki.com:8090/blocked.cgi (community.meraki.com), squidGuard's redirector (squidGuard.cgi?clientaddr=,
  // squidGuard's samples), Netsweeper (/webadmin/deny/, poweredbynetsweeper.com), ContentKeeper, Lightspeed.
  { id: 'vendor-block-forward', re: /\/php\/urlblock\.php\?args=|:15871\/cgi-bin\/block(?:page|_message)\.cgi|This (?:site|domain) is blocked due to content filtering|because of a Cisco Umbrella policy setting|This website is blocked by your network operator|wired\.meraki\.com:8090\/blocked\.cgi|squidGuard\.cgi\?clientaddr=|\/webadmin\/deny\/|poweredbynetsweeper\.com|Blocked by ContentKeeper|Lightspeed System - Web Access/i, op: 'http', kind: 'blocked', answeredBy: 'proxy', via: 'page', sure: 'high', product: (m) => (/squidGuard/i.test(m[0]) ? 'Squid (squidGuard)' : /urlblock\.php/.test(m[0]) ? 'Palo Alto Networks' : /content filtering|Umbrella/i.test(m[0]) ? 'Cisco' : /network operator/i.test(m[0]) ? 'Cisco Meraki' : proxyProduct(m.input)) },
  // Pages that interrupt without saying "blocked": Check Point's UserCheck portal (its redirect to
  // /UserCheck/PortalMain?IID=…, https://sc1.checkpoint.com/documents/R76/CP_R76_AppControl_WebAdmin/83287.htm),
  // Blue Coat's notify.bluecoat.com notification forward
  // (https://knowledge.broadcom.com/external/article/169743/notifybluecoatcom-unexpectedly-shows-up.html),
  // and Squid's error page stylesheet comment (http://www.squid-cache.org/Doc/config/err_page_stylesheet/).
  { id: 'vendor-interstitial', re: /\/UserCheck\/PortalMain\?IID=|Check Point UserCheck|\bnotify\.bluecoat\.com\b|Stylesheet for Squid Error pages/i, op: 'http', kind: 'page', answeredBy: 'proxy', via: 'page', sure: 'high', product: (m) => (/Squid/i.test(m[0]) ? 'Squid' : proxyProduct(m.input)) },
  // Apache Traffic Server's body-factory templates (configs/body_factory/default/ in apache/trafficserver), each
  // "Description: …": connect#failed_connect, connect#dns_failed, connect#all_down, connect#hangup,
  // response#bad_response, timeout#inactivity (its upstream); access#denied and access#ssl_forbidden (a refusal);
  // access#proxy_auth_required (its 407 page).
  { id: 'ats-upstream', re: /Description: (?:Could not connect to the requested server host|Unable to locate the server requested --- the server does not have a DNS entry|Unable to find a valid target host|The server requested closed the connection before the transaction was completed|The host requested did not return the document correctly|Too much time has passed without sending any data for document)/, op: 'http', kind: 'upstream', answeredBy: 'proxy', via: 'page', sure: 'high', product: 'Apache Traffic Server' },
  { id: 'ats-denied', re: /Description: (?:You are not allowed to access the document you requested|You have made a request for a secure SSL connection to a forbidden port number)/, op: 'http', kind: 'blocked', answeredBy: 'proxy', via: 'page', sure: 'high', product: 'Apache Traffic Server' },
  { id: 'ats-auth', re: /Description: Please login with username and password\./, op: 'http', kind: 'status', answeredBy: 'proxy', via: 'page', sure: 'high', status: () => 407, code: 'http:407', product: 'Apache Traffic Server' },
  // Kerio Control's own pages say they were made by its proxy server ("Это сообщение создано прокси-сервером
  // Kerio Control", the capture in blockpage_signatures.json above).
  { id: 'kerio-page', re: /прокси-сервером Kerio Control/i, op: 'http', kind: 'page', answeredBy: 'proxy', via: 'page', sure: 'high', product: 'Kerio Control' },

  // ---- a web server's own error pages: IIS's detailed errors carry a sub-status ("HTTP Error 502.3 -
  // Bad Gateway", https://learn.microsoft.com/troubleshoot/developer/webapps/iis/health-diagnostic-performance/http-status-code),
  // Azure Application Gateway names itself: the destination's side answered, not a forward proxy.
  { id: 'iis-error-page', re: /HTTP Error (\d{3})\.\d{1,2} - /, op: 'http', kind: 'status', answeredBy: 'server', via: 'page', sure: 'high', status: (m) => Number(m[1]) },
  // Cloudflare's own pages in front of a site (its WAF block page "Attention Required! | Cloudflare",
  // its 52x errors, the "Cloudflare Ray ID" footer and cf-ray header): the destination's CDN answered.
  // Cloudflare Gateway, its forward proxy for companies, names itself and is not this.
  { id: 'cloudflare-edge', re: /(?:Attention Required! \| Cloudflare|Cloudflare Ray ID|cloudflare\.com\/5xx-error-landing|cf-cloudflare-status|\bcf-ray\s*[:=]|cf-error-details|Performance (?:&amp;|&) security by Cloudflare)(?<!Cloudflare Gateway[\s\S]*)(?![\s\S]*Cloudflare Gateway)/i, op: 'http', kind: 'service-error', answeredBy: 'server', via: 'page', sure: 'high', product: 'Cloudflare (the destination\'s CDN)' },
  // A destination's own gateways and web application firewalls: Check Point Mobile (its SSL VPN portal,
  // /sslvpn/ pages, "Server: CPWS"), Sucuri's WebSite Firewall, Imperva Incapsula, F5 ASM's rejection
  // page ("The requested URL was rejected… Your support ID is"): the far end answered, not a forward proxy.
  { id: 'destination-waf', re: /Check Point Mobile - |Guru Meditation:|Varnish cache server|You don(?:.|&#39;|&#x27;|&apos;)t have the permission to access the requested resource\. It is either read-protected or not readable by the server|The server encountered an internal error and was unable to complete your request\. Either the server is overloaded|\/sslvpn\/Login\/|Sucuri WebSite Firewall|cdn\.sucuri\.net\/sucuri-firewall|\bX-Sucuri-ID\b|Incapsula incident ID|The requested URL was rejected\. Please consult with your administrator/i, op: 'http', kind: 'service-error', answeredBy: 'server', via: 'page', sure: 'high', product: 'the destination\'s gateway or firewall' },
  // proxy.py (abhinavsingh/proxy.py) raises ProxyConnectionFailed when it cannot reach the upstream host.
  { id: 'proxypy-upstream', re: /\bProxyConnectionFailed\b/, op: 'http', kind: 'upstream', answeredBy: 'proxy', via: 'type', sure: 'high', product: 'proxy.py' },
  // ISA Server / Forefront TMG name their own error pages ("ISA Server Error 502 - …"): the proxy answered.
  { id: 'isa-error-page', re: /\b(?:ISA Server|Forefront TMG) Error (\d{3})\b/i, op: 'http', kind: 'upstream', answeredBy: 'proxy', via: 'page', sure: 'high', status: (m) => Number(m[1]), product: 'Forefront TMG / ISA' },
  { id: 'app-gateway', re: /Microsoft-Azure-Application-Gateway/i, op: 'http', kind: 'service-error', answeredBy: 'server', via: 'header', sure: 'high', product: 'Azure Application Gateway' },
  // Akamai's edge in front of a site: its "Access Denied … Reference #18.<hex>.<n>.<hex>" page links
  // https://errors.edgesuite.net/<reference>, and its servers say "Server: AkamaiGHost" (captures in public
  // scrapers' block detectors, e.g. the errors.edgesuite.net markers they test for). Akamai's forward
  // proxy (Enterprise Threat Protector, error.etp.akamai.com) is not this.
  { id: 'akamai-edge', re: /errors\.edgesuite\.net|\bReference #\d{1,3}\.[0-9a-f]{4,}\.\d{6,}\.[0-9a-f]{4,}|\bServer:\s*AkamaiGHost\b/i, op: 'http', kind: 'service-error', answeredBy: 'server', via: 'page', sure: 'high', product: 'Akamai (the destination\'s CDN)' },
  // Amazon CloudFront's own error page ("ERROR: The request could not be satisfied … Generated by cloudfront
  // (CloudFront)", "X-Cache: Error from cloudfront", x-amz-cf-id): the destination's CDN answered.
  { id: 'cloudfront-edge', re: /Generated by cloudfront \(CloudFront\)|X-Cache:\s*Error from cloudfront|\bx-amz-cf-id\b/i, op: 'http', kind: 'service-error', answeredBy: 'server', via: 'page', sure: 'high', product: 'Amazon CloudFront (the destination\'s CDN)' },
  // ---- Microsoft's own edge and sign-in pages: Microsoft answered, not the customer's proxy
  // X-MSEdge-Ref and its "Ref A: <32 hex> Ref B: <edge node> Ref C: <time>" value are Microsoft's edge
  // (captures: Azure Maps and Bing API responses, Azure DevOps headers in public repositories).
  { id: 'ms-front-door', re: /x-azure-ref|X-Azure-Ref|Azure Front Door|Our services aren.t available right now|X-MSEdge-Ref|\bRef A: [0-9A-F]{32} Ref B: [A-Z0-9]+ Ref C: \d{4}-/i, op: 'http', kind: 'edge', answeredBy: 'entra', via: 'page', sure: 'high', product: 'Azure Front Door' },
  { id: 'ms-signin-page', re: /Sorry, but we.re having trouble signing you in/i, op: 'auth', kind: 'page', answeredBy: 'entra', via: 'page', sure: 'high', product: 'Entra ID sign-in page' },
];

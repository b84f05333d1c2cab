; Inno Setup script: the Windows setup program for 客户信息档案系统 (custarchive).
;
; Build on Windows, after the one-folder application exists (see installer\README.md):
;     "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" installer\custarchive.iss
; The result is dist\installer\custarchive-setup-<version>.exe.
;
; The version is the project's: it is read from dist\custarchive\custarchive.exe, whose
; version resource installer\custarchive.spec fills from app\__init__.py (__version__).
; ISCC /DAppVersion=x.y.z overrides it.
;
; Installs per machine into Program Files (administrator rights at install time only);
; the program itself runs as the ordinary Windows account. Each account's archive lives
; in that account's own data folder (platformdirs: %LOCALAPPDATA%\custarchive\archive,
; unless another folder was chosen in the first-run wizard), never in the program folder,
; so installing a new version or uninstalling leaves every archive where it is.

#define AppName "客户信息档案系统"
#define AppPublisher "涟源市信用合作联社"
#define AppExe "custarchive.exe"
#define Bundle AddBackslash(SourcePath) + "..\dist\custarchive"

#if !FileExists(Bundle + "\" + AppExe)
  #error dist\custarchive\custarchive.exe is missing: build the bundle first (installer\README.md)
#endif

#ifndef AppVersion
  #define AppVersion GetStringFileInfo(Bundle + "\" + AppExe, "ProductVersion")
#endif
#if AppVersion == ""
  #error No version in dist\custarchive\custarchive.exe: rebuild the bundle, or pass /DAppVersion=x.y.z
#endif

; Simplified Chinese setup messages (ChineseSimplified.isl). Recent Inno Setup 6 releases
; ship it in their Languages folder; older ones list it among the user-contributed
; ("unofficial") translations, which are downloaded separately: put that file beside this
; script. A copy beside this script wins, so a tested file can be pinned.
#if FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
  #define ChineseMessages AddBackslash(SourcePath) + "ChineseSimplified.isl"
#elif FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
  #define ChineseMessages "compiler:Languages\ChineseSimplified.isl"
#elif FileExists(AddBackslash(CompilerPath) + "Languages\Unofficial\ChineseSimplified.isl")
  #define ChineseMessages "compiler:Languages\Unofficial\ChineseSimplified.isl"
#else
  #error ChineseSimplified.isl not found: put it beside installer\custarchive.iss (installer\README.md says where to get it)
#endif

[Setup]
; The AppId identifies the program for upgrades and uninstall: never change it.
AppId={{6F1C5A2E-3B7D-4C8E-9A41-2D5E7B0C9F13}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
VersionInfoVersion={#GetVersionNumbersString(Bundle + "\" + AppExe)}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} 安装程序
; per machine: Program Files, shortcuts for all users. PrivilegesRequiredOverridesAllowed
; is left unset, so setup offers no "install for me only" choice.
PrivilegesRequired=admin
DefaultDirName={autopf}\custarchive
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
; Qt 6 runs on 64-bit Windows 10 and later
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist\installer
OutputBaseFilename=custarchive-setup-{#AppVersion}
SetupIconFile=custarchive.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no
; a running copy holds its files open: setup asks to close it (the archive is closed safely)
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "chinesesimplified"; MessagesFile: "{#ChineseMessages}"

[Messages]
; where the archive lives, on the last page and when uninstalling
FinishedLabel=已在本机安装 [name]。%n%n档案存放位置:每个 Windows 用户的档案默认在%n    C:\Users\<用户名>\AppData\Local\custarchive\archive%n首次启动时可在向导中另选本机硬盘上的文件夹,程序会记住所选位置。%n%n档案文件夹不在程序文件夹中:升级或卸载本程序都不会删除档案。请由系统管理员定期备份档案。
ConfirmUninstall=确实要卸载 %1 吗?%n%n只删除程序本身。档案文件夹(默认为 C:\Users\<用户名>\AppData\Local\custarchive\archive)及其中加密保存的客户信息不会被删除。
UninstalledAll=已从本机卸载 %1。%n%n档案文件夹仍保留在原处(默认为 C:\Users\<用户名>\AppData\Local\custarchive\archive)。档案如不再使用,须按制度移交或销毁,不要直接删除。
UninstalledMost=已从本机卸载 %1。%n%n个别程序文件未能删除,可以手动删除。档案文件夹仍保留在原处。

[CustomMessages]
chinesesimplified.ShortcutsGroup=快捷方式:
chinesesimplified.DesktopShortcut=在桌面上建立快捷方式(&D)
chinesesimplified.StartNow=立即启动{#AppName}
chinesesimplified.UninstallShortcut=卸载{#AppName}

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopShortcut}"; GroupDescription: "{cm:ShortcutsGroup}"

[InstallDelete]
; an upgrade replaces the program's files completely (nothing stale from the old version);
; only the program folder, never an archive
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallShortcut}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
; started as the person who ran setup, not as the administrator: the first-run wizard then
; proposes that person's own data folder for the archive
Filename: "{app}\{#AppExe}"; Description: "{cm:StartNow}"; Flags: nowait postinstall skipifsilent runasoriginaluser

[UninstallDelete]
; only the program folder, if the uninstall left it empty; archives are never in it
Type: dirifempty; Name: "{app}"

// TODO(privacy-rewrite): Modules/Privacy/ and Infrastructure/Audit/AuditApi.cs, being rewritten on another branch, still
// name three implementations that moved out of Contracts behind interfaces. These aliases point the old names at the
// interfaces so those files compile unchanged; delete each line once nothing names it (ModuleArchitectureTests lists the
// rest of what that rewrite owes). Code outside those files names the interfaces, or the class qualified (Features.X).
global using CustomerDirectory = Keqing.Modules.Customers.Contracts.ICustomerDirectory;
global using RecordAccess = Keqing.Modules.Identity.Contracts.IRecordAccess;
global using UserDirectory = Keqing.Modules.Identity.Contracts.IUserDirectory;

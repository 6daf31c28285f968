// Every list search of the Keyclic node, by the name a parameter's `searchListMethod` gives (n8n calls them
// through the node's `methods.listSearch`): export only those here.
export { searchOrganizations } from '../../common/organization';
export { searchDocumentTypes, searchTargetGroups } from './documentLists';
export { searchMembers } from './memberList';
export { searchCategories, searchPlaces } from './organizationLists';
export { searchOperationTransitions, searchReportTransitions } from './transitionLists';
